package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
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

	private static ConfigurableApplicationContext start(GenesysCloudStandIn genesys, String secret) {
		SpringApplication application = new SpringApplication(TracedApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new java.util.HashMap<>(genesys.properties());
		properties.put("genesys.oauth.client-secret", secret);
		properties.put("logging.level.root", "TRACE");
		properties.put("debug", "true");
		application.setDefaultProperties(properties);
		return application.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TracedApplication {

	}

}
