package io.github.genesysoauth.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.genesysoauth.actuate.GenesysOAuthMetrics;
import io.github.genesysoauth.actuate.GenesysTokenRequestsMeterHandler;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.org.GenesysOrgObserver;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Gauge {@code genesys.oauth.token.expires.in}, counter {@code genesys.api.retries} and the timer of the
 * {@code genesys.oauth.token.requests} observation, where Micrometer is on the classpath;
 * {@code genesys.oauth.metrics.enabled=false} switches them off. (The observation itself is reported by the token
 * source to the application's {@code ObservationRegistry}, when there is one, and reaches tracing as well.)
 */
@AutoConfiguration(after = GenesysOAuthOrgsAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
@ConditionalOnBooleanProperty(name = GenesysOAuthProperties.CONFIG_PREFIX + ".metrics.enabled", matchIfMissing = true)
public final class GenesysOAuthMetricsAutoConfiguration {

	/** Name of the meters bean. */
	public static final String METRICS_BEAN = "genesysOAuthMetrics";

	/** Name of the {@code GenesysRetryListener} that counts the default clients' retries. */
	public static final String RETRY_METRICS_LISTENER_BEAN = GenesysOAuthAutoConfiguration.RETRY_METRICS_LISTENER_BEAN;

	/** Name of the handler that times token requests. */
	public static final String TOKEN_REQUESTS_HANDLER_BEAN = "genesysTokenRequestsMeterHandler";

	@Bean(name = METRICS_BEAN)
	@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN)
	@ConditionalOnMissingBean(name = METRICS_BEAN)
	GenesysOAuthMetrics genesysOAuthMetrics(
			@Qualifier(GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN) GenesysAccessTokens genesysAccessTokens) {
		return new GenesysOAuthMetrics(genesysAccessTokens);
	}

	// no default candidate: it counts the default org's retries only, so other orgs' listeners must not find it by type
	@Bean(name = RETRY_METRICS_LISTENER_BEAN, defaultCandidate = false)
	@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN)
	@ConditionalOnMissingBean(name = RETRY_METRICS_LISTENER_BEAN)
	GenesysRetryListener genesysRetryMetricsListener(
			@Qualifier(METRICS_BEAN) ObjectProvider<GenesysOAuthMetrics> genesysOAuthMetrics) {
		// an application's genesysOAuthMetrics bean of another type counts nothing
		GenesysOAuthMetrics metrics = genesysOAuthMetrics.getIfAvailable();
		return (metrics != null) ? metrics.retryListener() : GenesysRetryListener.NONE;
	}

	// The named orgs' meters, bound when an org is first used and kept, with its series, while the org exists: an org
	// released for being idle and used again goes on with the same meters. Orgs of properties are tagged with their own
	// org and client; run-time orgs too, unless tag-run-time-orgs=false.
	@Bean(name = GenesysOAuthAutoConfiguration.ORG_OBSERVER_BEAN)
	@ConditionalOnMissingBean(name = GenesysOAuthAutoConfiguration.ORG_OBSERVER_BEAN)
	GenesysOrgObserver genesysOrgObserver(ObjectProvider<MeterRegistry> meterRegistry) {
		Map<String, GenesysOAuthMetrics> orgs = new ConcurrentHashMap<>();
		return (name, sharedSeries, tokens) -> {
			MeterRegistry registry = meterRegistry.getIfUnique();
			if (registry == null) {
				return GenesysOrgObserver.NONE.observe(name, sharedSeries, tokens);
			}
			if (sharedSeries) {
				// the same meter ids for every such org: registering them again finds the existing ones
				GenesysOAuthMetrics shared = GenesysOAuthMetrics.shared(tokens, GenesysOrgAssembly.SHARED_LABEL);
				shared.bindTo(registry);
				return new GenesysOrgObserver.Watch(shared.retryListener(), () -> {
				}, () -> {
				});
			}
			GenesysOAuthMetrics metrics = orgs.compute(name, (org, existing) -> {
				if (existing != null && existing.fits(tokens)) {
					existing.use(tokens);
					return existing;
				}
				if (existing != null) {
					existing.forget();
				}
				GenesysOAuthMetrics created = new GenesysOAuthMetrics(tokens);
				created.bindTo(registry);
				return created;
			});
			// an org that is gone forgets its meters, unless a newer token source of the same org took them over
			return new GenesysOrgObserver.Watch(metrics.retryListener(), () -> metrics.release(tokens),
					() -> orgs.computeIfPresent(name, (org, current) -> {
						if (current == metrics && metrics.servesNoneBut(tokens)) {
							metrics.forget();
							return null;
						}
						return current;
					}));
		};
	}

	// ordered ahead of Micrometer's default meter handler, which would replace the error tag's values
	@Bean(name = TOKEN_REQUESTS_HANDLER_BEAN)
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean(name = TOKEN_REQUESTS_HANDLER_BEAN)
	GenesysTokenRequestsMeterHandler genesysTokenRequestsMeterHandler(MeterRegistry meterRegistry) {
		return new GenesysTokenRequestsMeterHandler(meterRegistry);
	}

}
