package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.threeten.extra.MutableClock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Everything logs at TRACE while the starter obtains tokens, calls the API and meets a refused secret: neither the
 * secret nor any token may appear.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SECRET = "s3cret-that-must-not-leak";

	static final MutableClock CLOCK = MutableClock.of(Instant.parse("2026-04-01T08:00:00Z"), ZoneOffset.UTC);

	@Test
	void neitherSecretNorTokensAppearInTraceLogs(CapturedOutput output) {
		String issuedToken;
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clientSecret(SECRET).start();
				ConfigurableApplicationContext context = start(genesys, SECRET)) {
			WebClient client = context.getBean("genesysWebClient", WebClient.class);
			client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
			client.get().uri("/api/v2/tokens/me").retrieve().bodyToMono(String.class).block(WAIT);
			GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
			issuedToken = tokens.accessToken().block(WAIT).getTokenValue();
			tokens.invalidate();
			client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);

			try (ConfigurableApplicationContext refused = start(genesys, "wrong-" + SECRET)) {
				GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
						() -> refused.getBean("genesysWebClient", WebClient.class)
							.get()
							.uri("/api/v2/organizations/me")
							.retrieve()
							.bodyToMono(String.class)
							.block(WAIT));
				assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
				assertThat(failure.toString()).doesNotContain(SECRET);
			}
			assertThat(genesys.tokensIssued()).isEqualTo(2);
		}

		// the capture saw the token traffic, at the levels that would print it
		assertThat(output).contains("Obtained a Genesys Cloud access token")
			.contains("HTTP POST " + "http://127.0.0.1")
			.contains("invalid_client");
		assertThat(output).doesNotContain(SECRET).doesNotContain(issuedToken).doesNotContain("access_token=");
		assertThat(output.toString().split("\\R")).noneMatch((line) -> line.matches(".*Bearer [A-Za-z0-9_-]{20,}.*"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "genesysWebClient", "genesysRestClient" })
	void neitherSecretNorTokensAppearInTraceLogsOrExceptionsOverTheFaultMatrix(String clientName,
			CapturedOutput output) {
		List<Throwable> failures = new ArrayList<>();
		Set<String> tokens;
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clientSecret(SECRET).start();
				ConfigurableApplicationContext context = start(genesys, SECRET)) {
			Runnable organization = clientName.equals("genesysWebClient")
					? () -> context.getBean(clientName, WebClient.class)
						.get()
						.uri("/api/v2/organizations/me")
						.retrieve()
						.bodyToMono(String.class)
						.block(WAIT)
					: () -> context.getBean(clientName, RestClient.class)
						.get()
						.uri("/api/v2/organizations/me")
						.retrieve()
						.body(String.class);
			Runnable call = () -> {
				try {
					organization.run();
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			};
			GenesysAccessTokens accessTokens = context.getBean(GenesysAccessTokens.class);
			call.run();
			genesys.failApiRequests(1, ApiFault.unauthorized());
			call.run();
			genesys.failApiRequests(2, ApiFault.unauthorized());
			call.run();
			genesys.failApiRequests(3, ApiFault.rateLimited(Duration.ZERO));
			call.run();
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofHours(1)));
			call.run();
			genesys.failApiRequests(3, ApiFault.status(503));
			call.run();
			for (TokenFault fault : List.of(TokenFault.status(503), TokenFault.connectionReset(),
					TokenFault.response(200, "text/html", "<html/>"),
					TokenFault.response(200, "application/json", "{\"access_token\":\"leaky-token-value\",\"expires_in\":0}"))) {
				// past the pause after the previous fault, so that this one reaches the token endpoint
				CLOCK.add(Duration.ofMinutes(10));
				accessTokens.invalidate();
				genesys.failTokenRequests(3, fault);
				call.run();
			}
			genesys.heal();
			try (ConfigurableApplicationContext refused = start(genesys, "wrong-" + SECRET)) {
				try {
					refused.getBean(GenesysAccessTokens.class).accessToken().block(WAIT);
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
			tokens = new java.util.HashSet<>(genesys.issuedTokenValues());
			tokens.add("leaky-token-value");
		}

		assertThat(failures).hasSizeGreaterThanOrEqualTo(7);
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(3);
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				String text = cause + " " + cause.getMessage();
				assertThat(text).doesNotContain(SECRET);
				tokens.forEach((token) -> assertThat(text).doesNotContain(token));
			}
		}
		// the capture saw the token faults and the API traffic, at the levels that would print a token
		assertThat(output).contains("malformed_response")
			.contains("Obtained a Genesys Cloud access token")
			.contains("/api/v2/organizations/me")
			.doesNotContain(SECRET);
		tokens.forEach((token) -> assertThat(output).doesNotContain(token));
	}

	static ConfigurableApplicationContext start(GenesysCloudStandIn genesys, String secret) {
		SpringApplication application = new SpringApplication(TracedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new java.util.HashMap<>(genesys.properties());
		properties.put("genesys.oauth.client-secret", secret);
		properties.put("logging.level.root", "TRACE");
		// pauses after failures shorter than a call, so that each fault below reaches the token endpoint
		properties.put("genesys.oauth.retry.initial-backoff", "1ms");
		properties.put("genesys.oauth.retry.max-backoff", "1ms");
		properties.put("genesys.oauth.retry.max-refusal-backoff", "1ms");
		properties.put("debug", "true");
		application.setDefaultProperties(properties);
		return application.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApplication {

		@Bean
		Clock genesysClock() {
			return CLOCK;
		}

	}

}
