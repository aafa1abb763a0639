package io.github.genesysoauth.autoconfigure;

import java.time.Duration;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.actuate.OrgHealth;
import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimitSettings;
import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code genesys.oauth.rate-limit.*} as an application meets it: bound for every org, one budget per token kept by
 * every client style (RestClient, WebClient, the SDK), shown in metrics and health, and one org's spent budget leaving
 * another's alone. The pacing itself, waits and all, is {@code RateLimitPacingTest}'s, on virtual time.
 */
class RateLimitAutoConfigurationTest {

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	private static final int LIMIT = 3;

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.everyClient(MetricsAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				GenesysOAuthOrgsAutoConfiguration.class, GenesysOAuthHealthAutoConfiguration.class,
				GenesysOAuthMetricsAutoConfiguration.class));

	@BeforeAll
	static void start() {
		genesys = GenesysCloudStandIn.builder().rateLimitPerMinute(LIMIT).start();
		genesys.addClient("acme-client", "acme-secret", "Acme");
	}

	@AfterAll
	static void stop() {
		genesys.close();
	}

	@BeforeEach
	void zero() {
		genesys.resetCounters();
	}

	@Test
	void pacesByDefault() {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			assertThat(context.getBean(GenesysAccessTokens.class).rateLimit().settings())
				.isEqualTo(GenesysRateLimitSettings.DEFAULTS)
				.isEqualTo(new GenesysRateLimitSettings(Mode.PACE, 300, Duration.ofSeconds(90)));
		});
	}

	@Test
	void bindsTheSettingsForEveryOrg() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues(genesys.orgPropertyValues("acme", "acme-client"))
			.withPropertyValues("genesys.oauth.orgs.acme.client-secret=acme-secret",
					"genesys.oauth.rate-limit.mode=warn", "genesys.oauth.rate-limit.requests-per-minute=1200",
					"genesys.oauth.rate-limit.max-wait=5s")
			.run((context) -> {
				GenesysRateLimitSettings expected = new GenesysRateLimitSettings(Mode.WARN, 1200,
						Duration.ofSeconds(5));
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				assertThat(context.getBean(GenesysAccessTokens.class).rateLimit().settings()).isEqualTo(expected);
				assertThat(orgs.org("acme").accessTokens().rateLimit().settings()).isEqualTo(expected);
			});
	}

	// max-wait 0s: a spent window refuses at once, so the test needs no clock of its own
	@Test
	void everyClientStyleKeepsToTheOneBudgetOfItsTokenAndSaysSo() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues(genesys.orgPropertyValues("acme", "acme-client"))
			.withPropertyValues("genesys.oauth.orgs.acme.client-secret=acme-secret",
					"genesys.oauth.rate-limit.mode=pace", "genesys.oauth.rate-limit.max-wait=0s")
			.run((context) -> {
				RestClient restClient = context.getBean("genesysRestClient", RestClient.class);
				WebClient webClient = context.getBean("genesysWebClient", WebClient.class);
				OrganizationApi sdk = new OrganizationApi(context.getBean("genesysApiClient", ApiClient.class));
				restClient.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
				webClient.get().uri(ORGANIZATION).retrieve().toBodilessEntity().block(Duration.ofSeconds(10));
				sdk.getOrganizationsMe();

				GenesysRateLimitException rest = catchThrowableOfType(GenesysRateLimitException.class,
						() -> restClient.get().uri(ORGANIZATION).retrieve().toBodilessEntity());
				GenesysRateLimitException web = catchThrowableOfType(GenesysRateLimitException.class,
						() -> webClient.get()
							.uri(ORGANIZATION)
							.retrieve()
							.toBodilessEntity()
							.block(Duration.ofSeconds(10)));
				GenesysRateLimitException fromSdk = catchThrowableOfType(GenesysRateLimitException.class,
						sdk::getOrganizationsMe);

				for (GenesysRateLimitException refused : new GenesysRateLimitException[] { rest, web, fromSdk }) {
					assertThat(refused.getAttempts()).isZero();
					assertThat(refused).hasMessageContaining("was not sent: its token has used the 3 requests a "
							+ "minute Genesys allows it")
						.hasMessageContaining("longer than genesys.oauth.rate-limit.max-wait (0 s)");
				}
				assertThat(genesys.apiRequests()).as("refused calls are never sent").isEqualTo(LIMIT);
				assertThat(genesys.rateLimitedApiRequests()).isZero();

				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("genesys.api.rate-limit.refused").tag("org", "default").counter().count())
					.isEqualTo(3);
				assertThat(meters.get("genesys.api.rate-limit.remaining").tag("org", "default").gauge().value())
					.isZero();
				assertThat(meters.get("genesys.api.rate-limit.waits").tag("org", "default").timer().count()).isZero();

				Health health = OrgHealth.of(context, "default").health().block(Duration.ofSeconds(10));
				assertThat(health.getStatus()).isEqualTo(Status.UP);
				assertThat(health.getDetails()).extractingByKey("rateLimit")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("allowed", LIMIT)
					.containsEntry("remaining", 0)
					.containsKey("resetsIn");

				// another org's token has a budget of its own
				RestClient acme = context.getBean(GenesysOrgs.class).org("acme").restClient();
				for (int i = 0; i < LIMIT; i++) {
					assertThat(acme.get().uri(ORGANIZATION).retrieve().body(String.class)).contains("Acme");
				}
				assertThat(meters.get("genesys.api.rate-limit.refused").tag("org", "acme").counter().count())
					.isZero();
				Health acmeHealth = OrgHealth.of(context, "acme").health().block(Duration.ofSeconds(10));
				assertThat(acmeHealth.getDetails()).extractingByKey("rateLimit")
					.asInstanceOf(InstanceOfAssertFactories.MAP)
					.containsEntry("remaining", 0);
			});
	}

	@Test
	void offSendsEveryCallAndLearnsNothing() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.rate-limit.mode=off", "genesys.oauth.retry.max-attempts=1")
			.run((context) -> {
				RestClient restClient = context.getBean("genesysRestClient", RestClient.class);
				for (int i = 0; i < LIMIT; i++) {
					restClient.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
				}

				GenesysRateLimitException answered = catchThrowableOfType(GenesysRateLimitException.class,
						() -> restClient.get().uri(ORGANIZATION).retrieve().toBodilessEntity());

				assertThat(answered.getAttempts()).isOne();
				assertThat(answered).hasMessageContaining("was answered 429");
				assertThat(genesys.rateLimitedApiRequests()).isOne();
				assertThat(context.getBean(GenesysAccessTokens.class).rateLimit().reported()).isNull();
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				assertThat(meters.get("genesys.api.rate-limit.remaining").tag("org", "default").gauge().value())
					.isNaN();
				Health health = OrgHealth.of(context, "default").health().block(Duration.ofSeconds(10));
				assertThat(health.getDetails()).doesNotContainKey("rateLimit");
			});
	}

}
