package io.github.genesysoauth.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The sample as a newcomer starts it: no Genesys org, profile stand-in, so it runs against the embedded stand-in. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(StandInEnvironmentPostProcessor.PROFILE)
class SampleApplicationTest {

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	@Autowired
	private GenesysAccessTokens tokens;

	private RestTestClient http;

	@BeforeEach
	void bindToTheSample() {
		// over HTTP to the running server, as a user's curl goes
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	// org second is another OAuth client of the same stand-in, in an organization of its own
	@ParameterizedTest
	@CsvSource({ "/organization, Stand-in Organization", "/organization/blocking, Stand-in Organization",
			"/organization/interface, Stand-in Organization", "/orgs/default/organization, Stand-in Organization",
			"/orgs/second/organization, Second Stand-in Organization",
			"/orgs/second/organization/interface, Second Stand-in Organization" })
	void answersEachOrgsOwnOrganizationFromTheStandInInEachStyle(String path, String organization) {
		this.http.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo(organization)
			.jsonPath("$.state")
			.isEqualTo("active")
			.jsonPath("$.id")
			.isNotEmpty();
	}

	@Test
	void servesTheThreeStylesWithOneToken() {
		Date start = new Date();
		for (String path : List.of("/organization", "/organization/blocking", "/organization/interface")) {
			this.http.get().uri(path).exchange().expectStatus().isOk();
		}

		StandInRequests standIn = new StandInRequests(this.environment);
		assertThat(standIn.tokenRequests(this.environment.getProperty("genesys.oauth.client-id"),
				this.environment.getProperty("genesys.oauth.client-secret")))
			.as("token requests of the default org's client")
			.isEqualTo(1);
		assertThat(standIn.organizationRequestsSince(start)).hasSize(3)
			.as("one bearer token for every style")
			.containsOnly("Bearer " + this.tokens.accessToken().block(Duration.ofSeconds(30)).getTokenValue());
	}

	@Test
	void waitsForGenesysOnTomcatRequestThreadsNeverOnAnEventLoop(@Autowired CallingThreads callingThreads) {
		callingThreads.names.clear();

		this.http.get().uri("/organization/blocking").exchange().expectStatus().isOk();
		this.http.get().uri("/organization/interface").exchange().expectStatus().isOk();

		assertThat(callingThreads.names).hasSize(2).allMatch((name) -> name.startsWith("http-nio-"));
	}

	@Test
	void exposesGenesysHealthWithoutSecrets() {
		this.http.get().uri("/organization").exchange().expectStatus().isOk();

		byte[] health = this.http.get()
			.uri("/actuator/health/genesys/default")
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
	void exposesGenesysMetricsToPrometheusForEachOrg() {
		this.http.get().uri("/organization").exchange().expectStatus().isOk();
		this.http.get().uri("/orgs/second/organization").exchange().expectStatus().isOk();

		String prometheus = this.http.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();

		assertThat(prometheus).contains("genesys_oauth_token_requests_seconds_count{", "org=\"default\"", "error=\"none\"",
				"outcome=\"success\"", "genesys_oauth_token_expires_in_seconds{",
				"genesys_api_retries_total{", "reason=\"unauthorized\"");
		assertThat(prometheus).contains("genesys_oauth_token_expires_in_seconds{client=\""
				+ this.environment.getProperty("genesys.oauth.orgs.second.client-id") + "\",org=\"second\"}");
		assertThat(prometheus).doesNotContain(this.environment.getProperty("genesys.oauth.client-secret"))
			.doesNotContain(this.environment.getProperty("genesys.oauth.orgs.second.client-secret"));
	}

	@Test
	void pointsItselfAtTheStandInOnLoopback() {
		assertThat(this.environment.getProperty("genesys.oauth.token-uri")).matches("http://127\\.0\\.0\\.1:\\d+/oauth/token");
		assertThat(this.environment.getProperty("genesys.oauth.api-base-url")).matches("http://127\\.0\\.0\\.1:\\d+");
	}

	/** Names the threads that send the sample's RestClient calls: genesysRestClient's and the group genesys's. */
	@TestConfiguration(proxyBeanMethods = false)
	static class CallingThreads {

		final Queue<String> names = new ConcurrentLinkedQueue<>();

		@Bean
		RestClientCustomizer callingThreadsRecorder() {
			return (builder) -> builder.requestInterceptor((request, body, execution) -> {
				this.names.add(Thread.currentThread().getName());
				return execution.execute(request, body);
			});
		}

	}

}
