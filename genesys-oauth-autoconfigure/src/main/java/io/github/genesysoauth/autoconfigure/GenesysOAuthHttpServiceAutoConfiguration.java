package io.github.genesysoauth.autoconfigure;

import java.util.function.Consumer;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiExchangeFilter;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * The HTTP service group {@value #GROUP}: every {@code @HttpExchange} interface imported with
 * {@code @ImportHttpServices(group = "genesys", ...)} calls the default org's Platform API with its tokens and the
 * same {@link GenesysApiCallPolicy} as {@code genesysWebClient} and {@code genesysRestClient}, whether the group is
 * RestClient- or WebClient-backed. The base URL is the API's unless {@code spring.http.serviceclient.genesys.base-url}
 * is set; the group's other {@code spring.http.serviceclient.genesys.*} settings apply as Boot applies them. Other
 * groups are left alone.
 *
 * <p>Spring Boot has no OAuth2 support for HTTP service groups yet (spring-boot#46956); Spring Security's
 * {@code OAuth2RestClientHttpServiceGroupConfigurer} is the model, with this starter's single flight and recovery.
 */
@AutoConfiguration(after = GenesysOAuthAutoConfiguration.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN)
public final class GenesysOAuthHttpServiceAutoConfiguration {

	/** Name of the HTTP service group that calls the default org. */
	public static final String GROUP = "genesys";

	/** Name of the configurer of RestClient-backed groups. */
	public static final String REST_CLIENT_CONFIGURER_BEAN = "genesysRestClientHttpServiceGroupConfigurer";

	/** Name of the configurer of WebClient-backed groups. */
	public static final String WEB_CLIENT_CONFIGURER_BEAN = "genesysWebClientHttpServiceGroupConfigurer";

	private static final String BASE_URL_PROPERTY = "spring.http.serviceclient." + GROUP + ".base-url";

	// the group's own base-url, when set, is Boot's to apply
	private static void apiBaseUrlUnlessSet(Environment environment, GenesysApiCallPolicy policy,
			Consumer<String> baseUrl) {
		if (!environment.containsProperty(BASE_URL_PROPERTY)) {
			baseUrl.accept(policy.apiBaseUrl().toString());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientGroupConfiguration {

		@Bean(name = REST_CLIENT_CONFIGURER_BEAN)
		@ConditionalOnMissingBean(name = REST_CLIENT_CONFIGURER_BEAN)
		RestClientHttpServiceGroupConfigurer genesysRestClientHttpServiceGroupConfigurer(
				@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) ObjectProvider<GenesysApiCallPolicy> policy,
				Environment environment) {
			return (groups) -> groups.filterByName(GROUP).forEachClient((group, builder) -> {
				GenesysApiCallPolicy genesys = policy.getObject();
				apiBaseUrlUnlessSet(environment, genesys, builder::baseUrl);
				builder.requestInterceptor(GenesysApiRequestInterceptor.of(genesys));
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroupConfiguration {

		@Bean(name = WEB_CLIENT_CONFIGURER_BEAN)
		@ConditionalOnMissingBean(name = WEB_CLIENT_CONFIGURER_BEAN)
		WebClientHttpServiceGroupConfigurer genesysWebClientHttpServiceGroupConfigurer(
				@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) ObjectProvider<GenesysApiCallPolicy> policy,
				Environment environment) {
			return (groups) -> groups.filterByName(GROUP).forEachClient((group, builder) -> {
				GenesysApiCallPolicy genesys = policy.getObject();
				apiBaseUrlUnlessSet(environment, genesys, builder::baseUrl);
				builder.filter(GenesysApiExchangeFilter.of(genesys));
			});
		}

	}

}
