package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

import io.github.genesysoauth.actuate.GenesysHealthIndicator;
import io.github.genesysoauth.token.GenesysAccessTokens;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@code genesys} health contributor, where Spring Boot's health support is on the classpath;
 * {@code management.health.genesys.enabled=false} switches it off.
 */
@AutoConfiguration(after = GenesysOAuthAutoConfiguration.class,
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN)
@EnableConfigurationProperties(GenesysHealthProperties.class)
public final class GenesysOAuthHealthAutoConfiguration {

	/** Name of the health indicator bean; the contributor is {@code genesys}. */
	public static final String HEALTH_INDICATOR_BEAN = "genesysHealthIndicator";

	// Nested, so that its condition (a class of Boot's health module) is read only once that module is known to be
	// present. The optional probe goes through the client the application calls Genesys with: genesysWebClient where
	// WebClient is on the classpath, with its connector and settings, else genesysRestClient.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("genesys")
	static class HealthIndicatorConfiguration {

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(WebClient.class)
		static class WebClientProbe {

			@Bean(name = HEALTH_INDICATOR_BEAN)
			@ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN)
			GenesysHealthIndicator genesysHealthIndicator(
					@Qualifier(GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN) GenesysAccessTokens genesysAccessTokens,
					GenesysOAuthProperties properties, GenesysHealthProperties health,
					@Qualifier(GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN) ObjectProvider<WebClient> genesysWebClient,
					ObjectProvider<Clock> clock) {
				return indicator(genesysAccessTokens, properties, health, clock,
						(path) -> genesysWebClient.getObject()
							.get()
							.uri(path)
							.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass("org.springframework.web.reactive.function.client.WebClient")
		static class RestClientProbe {

			@Bean(name = HEALTH_INDICATOR_BEAN)
			@ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN)
			GenesysHealthIndicator genesysHealthIndicator(
					@Qualifier(GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN) GenesysAccessTokens genesysAccessTokens,
					GenesysOAuthProperties properties, GenesysHealthProperties health,
					@Qualifier(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN) ObjectProvider<RestClient> genesysRestClient,
					ObjectProvider<Clock> clock) {
				// blocking, so on a thread of Reactor's bounded elastic scheduler
				return indicator(genesysAccessTokens, properties, health, clock,
						(path) -> Mono.fromCallable(() -> genesysRestClient.getObject()
							.get()
							.uri(path)
							.exchange((request, response) -> response.getStatusCode().value()))
							.subscribeOn(Schedulers.boundedElastic()));
			}

		}

		private static GenesysHealthIndicator indicator(GenesysAccessTokens tokens, GenesysOAuthProperties properties,
				GenesysHealthProperties health, ObjectProvider<Clock> clock,
				Function<String, Mono<Integer>> tokenInfo) {
			Duration cacheTime = health.getCacheTime();
			if (cacheTime == null || cacheTime.isNegative()) {
				throw new InvalidGenesysPropertyException(GenesysHealthProperties.CONFIG_PREFIX + ".cache-time",
						"management.health.genesys.cache-time is " + cacheTime + ", but it must not be negative.",
						"Set management.health.genesys.cache-time to a duration such as 10s, or 0s to check on every "
								+ "probe.");
			}
			return new GenesysHealthIndicator(tokens, GenesysPropertiesResolver.regionLabel(properties), cacheTime,
					health.isTokenInfoProbe() ? tokenInfo : null, clock.getIfUnique(Clock::systemUTC));
		}

	}

}
