package io.github.genesysoauth.autoconfigure;

import io.github.genesysoauth.region.GenesysRegion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class GenesysFailureAnalyzersTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class));

	@Test
	void missingClientId() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-secret=secret");

		assertThat(analysis.getDescription())
			.isEqualTo("The Genesys Cloud client could not be configured: genesys.oauth.client-id is not set.");
		assertThat(analysis.getAction()).startsWith("Set genesys.oauth.client-id (environment variable "
				+ "GENESYS_OAUTH_CLIENT_ID) to the client id of a Genesys Cloud OAuth client that uses the Client "
				+ "Credentials grant")
			.contains("genesys.oauth.enabled=false");
	}

	@Test
	void blankClientSecret() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=  ");

		assertThat(analysis.getDescription()).contains("genesys.oauth.client-secret is not set.");
		// where it was set, but never its value, even a blank one
		assertThat(analysis.getDescription()).contains("Property: genesys.oauth.client-secret")
			.contains("Origin: \"genesys.oauth.client-secret\" from property source \"test\"")
			.doesNotContain("Value:");
		assertThat(analysis.getAction()).startsWith("Set genesys.oauth.client-secret (environment variable "
				+ "GENESYS_OAUTH_CLIENT_SECRET)");
	}

	@Test
	void unknownRegionListsTheValidOnes() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.region=us-central-9");

		assertThat(analysis.getDescription()).isEqualTo("The Genesys Cloud client could not be configured: "
				+ "genesys.oauth.region 'us-central-9' (from \"genesys.oauth.region\" from property source "
				+ "\"test\") is not a Genesys Cloud region the starter knows.");
		for (GenesysRegion region : GenesysRegion.values()) {
			assertThat(analysis.getAction()).contains(region.key()).contains(region.domain());
		}
		assertThat(analysis.getAction()).contains("set genesys.oauth.domain to its domain instead");
	}

	@Test
	void domainConflictingWithRegion() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.region=eu-west-1", "genesys.oauth.domain=mypurecloud.de");

		assertThat(analysis.getDescription()).contains("genesys.oauth.domain 'mypurecloud.de' conflicts with "
				+ "genesys.oauth.region 'eu-west-1', whose domain is mypurecloud.ie.");
		assertThat(analysis.getAction()).isEqualTo("Set only one of them: genesys.oauth.region for a region the "
				+ "starter knows, or genesys.oauth.domain for one it does not know yet.");
	}

	@Test
	void domainGivenAsAUrl() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.domain=https://login.mypurecloud.de");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.domain 'https://login.mypurecloud.de' is not a Genesys Cloud region domain.");
		assertThat(analysis.getAction()).startsWith("Set the region's bare domain, such as mxc1.pure.cloud");
	}

	@Test
	void domainGivenWithLoginHost() {
		assertThat(analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.domain=login.mypurecloud.de")
			.getDescription()).contains("'login.mypurecloud.de' is not a Genesys Cloud region domain.");
	}

	@Test
	void remoteHttpTokenUri() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.token-uri=http://login.mypurecloud.com/oauth/token");

		assertThat(analysis.getDescription()).contains("genesys.oauth.token-uri "
				+ "'http://login.mypurecloud.com/oauth/token' uses http:// for login.mypurecloud.com, which is not a "
				+ "loopback host: the client secret and tokens would travel unencrypted.");
		assertThat(analysis.getAction()).isEqualTo("Use https://, as in https://login.mypurecloud.com/oauth/token; "
				+ "http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in).");
	}

	@Test
	void remoteHttpApiBaseUrl() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.api-base-url=http://10.0.0.8:8080");

		assertThat(analysis.getDescription()).contains("genesys.oauth.api-base-url 'http://10.0.0.8:8080' uses "
				+ "http:// for 10.0.0.8, which is not a loopback host");
		assertThat(analysis.getAction()).contains("https://api.mypurecloud.com");
	}

	@Test
	void relativeTokenUri() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.token-uri=/oauth/token");

		assertThat(analysis.getDescription()).contains("genesys.oauth.token-uri '/oauth/token' is not an absolute "
				+ "https:// URL.");
	}

	@Test
	void zeroRefreshBeforeExpiry() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.refresh-before-expiry=0s");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.refresh-before-expiry is PT0S, but it must be a positive duration.");
		assertThat(analysis.getAction()).isEqualTo("Set genesys.oauth.refresh-before-expiry to a positive duration "
				+ "such as 60s, or remove it to use the default.");
	}

	@Test
	void negativeTokenRequestTimeout() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.token-request-timeout=-5s");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.token-request-timeout is PT-5S, but it must be a positive duration.");
	}

	@Test
	void zeroRetryAttempts() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.retry.max-attempts=0");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.retry.max-attempts is 0, but it must be at least 1.");
		assertThat(analysis.getAction())
			.isEqualTo("Set genesys.oauth.retry.max-attempts to 1 for no retry, or to a small number such as 3.");
	}

	@Test
	void zeroInitialBackoff() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.retry.initial-backoff=0ms");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.retry.initial-backoff is PT0S, but it must be a positive duration.");
	}

	@Test
	void negativeMaxRetryAfter() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.retry.max-retry-after=-1s");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.retry.max-retry-after is PT-1S, but it must not be negative.");
		assertThat(analysis.getAction()).isEqualTo("Set genesys.oauth.retry.max-retry-after to a duration such as 60s, "
				+ "or remove it to use the default.");
	}

	@Test
	void rateLimitBelowOneRequestPerMinute() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.rate-limit.requests-per-minute=0");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.rate-limit.requests-per-minute is 0, but it must be at least 1.");
		assertThat(analysis.getAction()).isEqualTo("Set genesys.oauth.rate-limit.requests-per-minute to the limit "
				+ "Genesys gave your org (300 unless raised), or set genesys.oauth.rate-limit.mode=off not to pace "
				+ "calls.");
	}

	@Test
	void negativeRateLimitMaxWait() {
		FailureAnalysis analysis = analyze("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.rate-limit.max-wait=-5s");

		assertThat(analysis.getDescription())
			.contains("genesys.oauth.rate-limit.max-wait is PT-5S, but it must not be negative.");
	}

	// The tests above call the analyzers themselves; only a start-up shows that spring.factories registers them. One
	// failure for each analyzer, as a report comes only from an analyzer that is registered.
	@Test
	void analyzersAreRegisteredAndReportAtStartUp(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(java.util.Map.of("genesys.oauth.client-id", "id",
				"genesys.oauth.client-secret", "do-not-print-me", "genesys.oauth.region", "atlantis-1")));
		assertThatException()
			.isThrownBy(() -> run(java.util.Map.of("genesys.oauth.client-secret", "do-not-print-me")));

		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("genesys.oauth.region 'atlantis-1'")
			.contains("eusc-de-east-1")
			.contains("The Genesys Cloud client could not be configured: genesys.oauth.client-id is not set.")
			.doesNotContain("do-not-print-me");
	}

	private static void run(java.util.Map<String, Object> properties) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(properties);
		application.run().close();
	}

	private FailureAnalysis analyze(String... properties) {
		// the properties as the runner's environment holds them, for the analyzer that reports their origin
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(properties).applyTo(environment);
		FailureAnalysis[] result = new FailureAnalysis[1];
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			for (FailureAnalyzer analyzer : new FailureAnalyzer[] { new GenesysRegionFailureAnalyzer(),
					new InvalidGenesysPropertyFailureAnalyzer(), new GenesysPropertyFailureAnalyzer(environment) }) {
				FailureAnalysis analysis = analyzer.analyze(failure);
				if (analysis != null) {
					result[0] = analysis;
				}
			}
		});
		assertThat(result[0]).as("a Genesys failure analysis").isNotNull();
		assertThat(result[0].getDescription() + result[0].getAction()).doesNotContain("secret=");
		return result[0];
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
