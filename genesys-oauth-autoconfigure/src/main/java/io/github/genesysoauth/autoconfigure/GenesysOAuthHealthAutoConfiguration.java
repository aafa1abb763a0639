package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.github.genesysoauth.actuate.GenesysHealthIndicator;
import io.github.genesysoauth.actuate.GenesysRunTimeOrgsHealthIndicator;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;

/**
 * The {@code genesys} health contributor, where Spring Boot's health support is on the classpath; a composite with one
 * entry per org configured by properties ({@code default} for the top-level properties, then each
 * {@code genesys.oauth.orgs.<name>}) and {@code runTimeOrgs}, which counts the orgs registered at run time without
 * naming them. {@code management.health.genesys.enabled=false} switches it off.
 */
@AutoConfiguration(after = { GenesysOAuthOrgsAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class },
		beforeName = "org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration")
@ConditionalOnClass(ReactiveHealthIndicator.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
@EnableConfigurationProperties(GenesysHealthProperties.class)
public final class GenesysOAuthHealthAutoConfiguration {

	/** Name of the composite health contributor bean; the contributor is {@code genesys}. */
	public static final String HEALTH_CONTRIBUTOR_BEAN = "genesysHealthContributor";

	/** Name of a user's own health indicator bean, for which the composite backs off: it would also be {@code genesys}. */
	public static final String HEALTH_INDICATOR_BEAN = "genesysHealthIndicator";

	/** Name of the composite's entry that counts run-time orgs; not a usable org name, so it never meets one. */
	public static final String RUN_TIME_ORGS = "runTimeOrgs";

	// Nested, so that its condition (a class of Boot's health module) is read only once that module is known to be
	// present. The optional probe goes through the org's client the application calls Genesys with: its WebClient
	// where WebClient is on the classpath, with its connector and settings, else its RestClient.
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("genesys")
	static class HealthContributorConfiguration {

		@Bean(name = HEALTH_CONTRIBUTOR_BEAN)
		@ConditionalOnMissingBean(name = { HEALTH_CONTRIBUTOR_BEAN, HEALTH_INDICATOR_BEAN })
		CompositeReactiveHealthContributor genesysHealthContributor(
				@Qualifier(GenesysOAuthAutoConfiguration.ORGS_BEAN) GenesysOrgs genesysOrgs,
				GenesysOAuthProperties properties, GenesysHealthProperties health,
				@Qualifier(GenesysOAuthAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock,
				BeanFactory beanFactory) {
			Duration cacheTime = health.getCacheTime();
			if (cacheTime == null || cacheTime.isNegative()) {
				throw new GenesysPropertyException(GenesysHealthProperties.CONFIG_PREFIX + ".cache-time", cacheTime,
						"management.health.genesys.cache-time is " + cacheTime + ", but it must not be negative.",
						"Set management.health.genesys.cache-time to a duration such as 10s, or 0s to check on every "
								+ "probe.");
			}
			Clock checkClock = clock.getIfAvailable(Clock::systemUTC);
			Map<String, ReactiveHealthContributor> entries = new LinkedHashMap<>();
			if (genesysOrgs.hasDefault()) {
				entries.put(GenesysOrgs.DEFAULT, indicator(genesysOrgs.org(GenesysOrgs.DEFAULT),
						GenesysPropertiesResolver.regionLabel(properties), cacheTime, health, checkClock, beanFactory));
			}
			for (String name : genesysOrgs.configuredNames()) {
				GenesysOrg org = genesysOrgs.org(name);
				entries.put(name, indicator(org, org.settings().orElseThrow().regionLabel(), cacheTime, health,
						checkClock, beanFactory));
			}
			entries.put(RUN_TIME_ORGS, new GenesysRunTimeOrgsHealthIndicator(genesysOrgs));
			return CompositeReactiveHealthContributor.fromMap(entries);
		}

		private static GenesysHealthIndicator indicator(GenesysOrg org, String region, Duration cacheTime,
				GenesysHealthProperties health, Clock clock, BeanFactory beanFactory) {
			return new GenesysHealthIndicator(org.accessTokens(), region, cacheTime,
					health.isTokenInfoProbe() ? probe(org, beanFactory) : null, clock);
		}

		// the starter's own org WebClients, by name: a bean of the application's of the same type is not asked
		private static Function<String, Mono<Integer>> probe(GenesysOrg org, BeanFactory beanFactory) {
			if (ClassUtils.isPresent(WEB_CLIENT, GenesysOAuthHealthAutoConfiguration.class.getClassLoader())
					&& beanFactory.containsBean(GenesysOAuthWebClientAutoConfiguration.ORG_WEB_CLIENTS_BEAN)) {
				return WebClientProbe.of(org, beanFactory);
			}
			// blocking, so on a thread of Reactor's bounded elastic scheduler
			return (path) -> Mono
				.fromCallable(() -> org.restClient()
					.get()
					.uri(path)
					.exchange((request, response) -> response.getStatusCode().value()))
				.subscribeOn(Schedulers.boundedElastic());
		}

	}

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	/** Apart, so that WebClient is loaded only where it is on the classpath. */
	private static final class WebClientProbe {

		static Function<String, Mono<Integer>> of(GenesysOrg org, BeanFactory beanFactory) {
			SingletonSupplier<GenesysOrgWebClients> webClients = SingletonSupplier.of(() -> beanFactory
				.getBean(GenesysOAuthWebClientAutoConfiguration.ORG_WEB_CLIENTS_BEAN, GenesysOrgWebClients.class));
			return (path) -> webClients.obtain()
				.client(org)
				.get()
				.uri(path)
				.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()));
		}

	}

}
