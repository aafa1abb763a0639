package io.github.genesysoauth.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample as a newcomer starts it: no Genesys org, profile stand-in, so it runs against the embedded stand-in. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@ActiveProfiles(StandInEnvironmentPostProcessor.PROFILE)
class SampleApplicationTest {

	@Autowired
	private WebTestClient http;

	@Autowired
	private Environment environment;

	@Autowired
	private GenesysAccessTokens tokens;

	@Test
	void answersOrganizationFromTheStandIn() {
		this.http.get()
			.uri("/organization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Stand-in Organization")
			.jsonPath("$.state")
			.isEqualTo("active")
			.jsonPath("$.id")
			.isNotEmpty();
	}

	@Test
	void exposesGenesysHealthWithoutSecrets() {
		this.http.get().uri("/organization").exchange().expectStatus().isOk();

		byte[] health = this.http.get()
			.uri("/actuator/health/genesys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.details.region")
			.isEqualTo("us-east-1")
			.jsonPath("$.details.tokenUri")
			.isEqualTo(this.environment.getProperty("genesys.oauth.token-uri"))
			.jsonPath("$.details.expiresIn")
			.isNumber()
			.returnResult()
			.getResponseBody();

		// the details above, and nothing else; and neither the secret nor the token in use anywhere
		assertThat(JsonMapper.shared().readTree(health).get("details").propertyNames())
			.containsExactlyInAnyOrder("region", "tokenUri", "expiresIn");
		assertThat(new String(health, StandardCharsets.UTF_8))
			.doesNotContain(this.environment.getProperty("genesys.oauth.client-secret"))
			.doesNotContain(this.tokens.accessToken().block(Duration.ofSeconds(30)).getTokenValue());
	}

	@Test
	void exposesGenesysMetricsToPrometheus() {
		this.http.get().uri("/organization").exchange().expectStatus().isOk();

		String prometheus = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(prometheus).contains("genesys_oauth_token_requests_seconds_count{", "error=\"none\"",
				"outcome=\"success\"", "genesys_oauth_token_expires_in_seconds{",
				"genesys_api_retries_total{", "reason=\"unauthorized\"");
		assertThat(prometheus).doesNotContain(this.environment.getProperty("genesys.oauth.client-secret"));
	}

	@Test
	void pointsItselfAtTheStandInOnLoopback() {
		assertThat(this.environment.getProperty("genesys.oauth.token-uri")).matches("http://127\\.0\\.0\\.1:\\d+/oauth/token");
		assertThat(this.environment.getProperty("genesys.oauth.api-base-url")).matches("http://127\\.0\\.0\\.1:\\d+");
	}

}
