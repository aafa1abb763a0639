package io.github.genesysoauth.autoconfigure;


import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.client.RestClient;

/**
 * The default org's blocking Platform API client, {@code genesysRestClient}, built from Boot's
 * {@code RestClient.Builder}.
 *
 * <p>A {@link Fallback} bean: injected by type only where the application has no {@code RestClient} of its own;
 * {@code @Qualifier("genesysRestClient")} always finds it.
 */
@AutoConfiguration(after = GenesysOAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration")
@ConditionalOnClass(RestClient.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORG_ASSEMBLY_BEAN)
public final class GenesysOAuthRestClientAutoConfiguration {

	@Bean(name = GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN)
	@Lazy
	@Fallback
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN)
	RestClient genesysRestClient(
			@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) GenesysApiCallPolicy genesysApiCallPolicy,
			ObjectProvider<RestClient.Builder> restClientBuilder, BeanFactory beanFactory) {
		// its transport leaves redirects to the call policy
		return GenesysTransports.withoutRedirects(builderFrom(restClientBuilder), beanFactory)
			.baseUrl(genesysApiCallPolicy.apiBaseUrl().toString())
			.requestInterceptor(GenesysApiRequestInterceptor.of(genesysApiCallPolicy))
			.build();
	}

	// Boot's builder is a prototype carrying its customizers (converters, request factory, observations); cloned
	// anyway, as an application may have replaced it with a shared one that must not collect this client's interceptor.
	static RestClient.Builder builderFrom(ObjectProvider<RestClient.Builder> restClientBuilder) {
		return restClientBuilder.getIfAvailable(RestClient::builder).clone();
	}

}
