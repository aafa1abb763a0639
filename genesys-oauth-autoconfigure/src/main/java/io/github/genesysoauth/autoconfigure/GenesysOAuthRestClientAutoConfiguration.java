package io.github.genesysoauth.autoconfigure;

import java.time.Duration;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.RestClientTokenResponseClient;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The default org's blocking Platform API client, {@code genesysRestClient}, built from Boot's
 * {@code RestClient.Builder}; and, where WebClient is absent (Spring MVC, batch), token requests over RestClient too.
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

	/**
	 * Without WebClient (Spring MVC, batch): token requests over Boot's {@code RestClient.Builder} and its HTTP client
	 * settings, with {@code token-request-timeout} as the read timeout and the longest connect timeout, so that no thread
	 * waits longer than its caller.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.web.reactive.function.client.WebClient")
	@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static class RestClientTokensConfiguration {

		@Bean(name = GenesysOAuthAutoConfiguration.TOKEN_RESPONSE_CLIENT_BEAN, defaultCandidate = false)
		@Lazy
		@ConditionalOnMissingBean(name = GenesysOAuthAutoConfiguration.TOKEN_RESPONSE_CLIENT_BEAN)
		GenesysTokenResponseClient genesysTokenResponseClient(GenesysOAuthProperties properties,
				ObjectProvider<RestClient.Builder> restClientBuilder,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings) {
			Duration timeout = properties.getTokenRequestTimeout();
			HttpClientSettings configured = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
			// a blocking connect may ignore the interrupt that ends a timed-out token request: bound it as well
			Duration connectTimeout = (configured.connectTimeout() != null
					&& configured.connectTimeout().compareTo(timeout) < 0) ? configured.connectTimeout() : timeout;
			// a token request carries the client secret: it follows no redirect (see GenesysTransports)
			HttpClientSettings settings = configured.withTimeouts(connectTimeout, timeout)
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			ClientHttpRequestFactory requestFactory = requestFactoryBuilder
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect)
				.build(settings);
			return GenesysTokenResponseClient.blocking(new RestClientTokenResponseClient(
					builderFrom(restClientBuilder).requestFactory(requestFactory).build()));
		}

	}

}
