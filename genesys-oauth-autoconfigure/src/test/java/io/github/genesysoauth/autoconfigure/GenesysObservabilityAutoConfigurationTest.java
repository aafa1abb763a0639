package io.github.genesysoauth.autoconfigure;

import java.time.Duration;

import io.github.genesysoauth.actuate.GenesysOAuthMetrics;
import io.github.genesysoauth.actuate.GenesysTokenRequestsMeterHandler;
import io.github.genesysoauth.actuate.OrgHealth;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Health, metrics and sanitizing: each its own auto-configuration, switchable, and absent without its library. */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysObservabilityAutoConfigurationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, GenesysOAuthHealthAutoConfiguration.class,
				GenesysOAuthMetricsAutoConfiguration.class, GenesysOAuthSanitizingAutoConfiguration.class));

	// started once for the class; healed and zeroed before each test
	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@BeforeEach
	void restoreSecret() {
		genesys.setClientSecret(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET);
	}

	private ApplicationContextRunner standInRunner() {
		return this.runner.withPropertyValues(genesys.propertyValues());
	}

	@Test
	void registersHealthMetricsAndSanitizing() {
		standInRunner().run((context) -> {
			assertThat(context).hasSingleBean(CompositeReactiveHealthContributor.class)
				.hasBean("genesysHealthContributor")
				.hasSingleBean(GenesysOAuthMetrics.class)
				.hasBean("genesysOAuthMetrics")
				.hasSingleBean(GenesysTokenRequestsMeterHandler.class)
				.hasSingleBean(GenesysSecretSanitizingFunction.class);
		});
	}

	@Test
	void healthCanBeSwitchedOff() {
		standInRunner().withPropertyValues("management.health.genesys.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(CompositeReactiveHealthContributor.class).hasSingleBean(GenesysOAuthMetrics.class);
		});
		standInRunner().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(CompositeReactiveHealthContributor.class));
	}

	@Test
	void metricsCanBeSwitchedOff() {
		standInRunner().withPropertyValues("genesys.oauth.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(GenesysOAuthMetrics.class)
				.doesNotHaveBean(GenesysTokenRequestsMeterHandler.class)
				.hasSingleBean(CompositeReactiveHealthContributor.class);
		});
	}

	@Test
	void disabledStarterLeavesOnlyTheSanitizing() {
		this.runner.withPropertyValues("genesys.oauth.enabled=false", "genesys.oauth.client-secret=still-secret")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(GenesysAccessTokens.class)
					.doesNotHaveBean(CompositeReactiveHealthContributor.class)
					.doesNotHaveBean(GenesysOAuthMetrics.class)
					.hasSingleBean(GenesysSecretSanitizingFunction.class);
			});
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		standInRunner().withUserConfiguration(OwnBeans.class).run((context) -> {
			assertThat(context.getBean("genesysHealthIndicator")).isSameAs(OwnBeans.HEALTH);
			assertThat(context.getBean("genesysOAuthMetrics")).isInstanceOf(String.class);
			assertThat(context).doesNotHaveBean(CompositeReactiveHealthContributor.class).doesNotHaveBean(GenesysOAuthMetrics.class);
		});
	}

	@Test
	void loadsWithoutMicrometer() {
		standInRunner().withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(GenesysOAuthMetrics.class)
				.doesNotHaveBean(GenesysTokenRequestsMeterHandler.class)
				.hasSingleBean(CompositeReactiveHealthContributor.class);
		});
	}

	@Test
	void loadsWithoutBootHealth() {
		standInRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.health")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CompositeReactiveHealthContributor.class).hasSingleBean(GenesysOAuthMetrics.class);
		});
	}

	@Test
	void loadsWithoutActuator() {
		standInRunner().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate")).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(GenesysSecretSanitizingFunction.class);
		});
	}

	@Test
	void withoutTheProbeADisabledClientStaysUpUntilItsTokenExpires() {
		// no verdict cache, so that the probe after the disabling checks again instead of repeating the first verdict
		standInRunner().withPropertyValues("management.health.genesys.cache-time=0s").run((context) -> {
			ReactiveHealthIndicator health = OrgHealth.of(context, "default");
			assertThat(health.health().block(WAIT).getStatus()).isEqualTo(Status.UP);

			disableClientInGenesys();

			assertThat(health.health().block(WAIT).getStatus()).isEqualTo(Status.UP);
			assertThat(genesys.apiRequests()).as("Platform API requests without the probe").isZero();
			assertThat(genesys.tokenRequests()).as("the token still held is used, not renewed").isEqualTo(1);
		});
	}

	@Test
	void tokenInfoProbeCatchesAClientDisabledInGenesys() {
		standInRunner().withPropertyValues("management.health.genesys.token-info-probe=true", "management.health.genesys.cache-time=0s")
			.run((context) -> {
				ReactiveHealthIndicator health = OrgHealth.of(context, "default");
				assertThat(health.health().block(WAIT).getStatus()).isEqualTo(Status.UP);
				assertThat(genesys.apiRequests()).isEqualTo(1);

				disableClientInGenesys();
				Health down = health.health().block(WAIT);

				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("error", "invalid_client")
					.containsEntry("errorDescription", "authentication failed");
			});
	}

	@Test
	void negativeCacheTimeFailsStartUpWithWhatToSet() {
		standInRunner().withPropertyValues("management.health.genesys.cache-time=-1s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(GenesysPropertyException.class)
				.hasMessageContaining("management.health.genesys.cache-time is PT-1S, but it must not be negative.");
		});
	}

	// Genesys revokes the client's tokens and refuses its credentials from then on
	private static void disableClientInGenesys() {
		genesys.revokeAllTokens();
		genesys.setClientSecret("client-disabled");
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnBeans {

		static final ReactiveHealthIndicator HEALTH = () -> reactor.core.publisher.Mono.just(Health.up().build());

		@Bean
		ReactiveHealthIndicator genesysHealthIndicator() {
			return HEALTH;
		}

		@Bean
		String genesysOAuthMetrics() {
			return "own";
		}

	}

}
