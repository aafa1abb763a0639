package io.github.genesysoauth.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.genesysoauth.autoconfigure.GenesysOAuthProperties;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A running WebFlux application with Actuator and Prometheus, against the stand-in on a shared clock: what the
 * actuator shows of the Genesys client after a known sequence of calls, and what it never shows.
 */
class GenesysActuatorTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String SECRET = "actuator-test-secret-value";

	private static final String ROTATED = "rotated-secret-value";

	private static final MutableClock clock = MutableClock.of(Instant.parse("2026-09-01T08:00:00Z"), ZoneOffset.UTC);

	private GenesysCloudStandIn genesys;

	private ConfigurableApplicationContext context;

	private WebTestClient actuator;

	private WebClient client;

	private GenesysAccessTokens tokens;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.builder().clock(clock).clientSecret(SECRET).start();
		Map<String, Object> properties = new HashMap<>(this.genesys.properties());
		properties.put("genesys.oauth.retry.initial-backoff", "1ms");
		// a thousand calls at once on a clock that stands still: pacing would hold all past the 300 a minute it
		// assumes (this stand-in sets no limit, so it sends no inin-ratelimit-* headers to say otherwise) for a
		// minute that never comes; RateLimitAutoConfigurationTest shows pacing with health
		properties.put("genesys.oauth.rate-limit.mode", "off");
		this.context = OpenActuator.start(ObservedApplication.class, properties);
		this.actuator = OpenActuator.client(this.context, WAIT);
		this.client = this.context.getBean("genesysWebClient", WebClient.class);
		this.tokens = this.context.getBean(GenesysAccessTokens.class);
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.genesys.close();
	}

	@Test
	void prometheusShowsTokenRequestsRetriesAndExpiryAfterAKnownSequence() {
		String client = this.genesys.clientId();
		callApi();
		this.genesys.failApiRequests(2, ApiFault.rateLimited(Duration.ZERO));
		callApi();
		this.genesys.failApiRequests(1, ApiFault.status(503));
		callApi();
		this.tokens.invalidate();
		callApi();

		String beforeRefusal = prometheus();
		assertThat(beforeRefusal).contains(
				"genesys_oauth_token_requests_seconds_count{client=\"" + client + "\",error=\"none\",org=\"default\",outcome=\"success\"} 2",
				"genesys_api_retries_total{client=\"" + client + "\",org=\"default\",reason=\"rate_limited\"} 2.0",
				"genesys_api_retries_total{client=\"" + client + "\",org=\"default\",reason=\"server_error\"} 1.0",
				"genesys_api_retries_total{client=\"" + client + "\",org=\"default\",reason=\"unauthorized\"} 0.0",
				"genesys_oauth_token_expires_in_seconds{client=\"" + client + "\",org=\"default\"} 86399.0");
		assertThat(beforeRefusal).containsPattern(
				"http_client_requests_seconds_count\\{[^}]*method=\"POST\"[^}]*uri=\"/oauth/token\"[^}]*} 2");

		this.genesys.setClientSecret(ROTATED);
		this.tokens.invalidate();
		catchThrowableOfType(GenesysAuthenticationException.class, this::callApi);

		assertThat(prometheus()).contains(
				"genesys_oauth_token_requests_seconds_count{client=\"" + client
						+ "\",error=\"invalid_client\",org=\"default\",outcome=\"failure\"} 1",
				"genesys_oauth_token_requests_seconds_count{client=\"" + client + "\",error=\"none\",org=\"default\",outcome=\"success\"} 2",
				"genesys_oauth_token_expires_in_seconds{client=\"" + client + "\",org=\"default\"} 0.0");
	}

	@Test
	void healthGoesUpDownAndUpAcrossACredentialsFix() {
		JsonNode up = health(200);
		assertThat(up.get("status").asString()).isEqualTo("UP");
		assertThat(up.get("details").get("region").asString()).isEqualTo("us-east-1");
		assertThat(up.get("details").get("tokenUri").asString()).isEqualTo(this.genesys.tokenUri().toString());
		assertThat(up.get("details").get("expiresIn").asLong()).isEqualTo(86399);
		assertThat(up.get("details").propertyNames()).containsExactlyInAnyOrder("region", "tokenUri", "expiresIn");

		// the secret is rotated in Genesys and the token revoked, as disabling and re-creating a client would do
		this.genesys.setClientSecret(ROTATED);
		this.tokens.invalidate();
		clock.add(Duration.ofSeconds(11));
		JsonNode down = health(503);
		assertThat(down.get("status").asString()).isEqualTo("DOWN");
		assertThat(down.get("details").get("error").asString()).isEqualTo("invalid_client");
		assertThat(down.get("details").get("errorDescription").asString()).isEqualTo("authentication failed");
		assertThat(down.get("details").propertyNames()).containsExactlyInAnyOrder("region", "tokenUri", "error",
				"errorDescription");

		// the new secret arrives in the application's properties, as a refresh of its property source would do
		this.context.getBean(GenesysOAuthProperties.class).setClientSecret(ROTATED);
		clock.add(Duration.ofSeconds(11));
		JsonNode upAgain = health(200);
		assertThat(upAgain.get("status").asString()).isEqualTo("UP");
		assertThat(upAgain.toString()).doesNotContain(SECRET).doesNotContain(ROTATED);
		this.genesys.issuedTokenValues().forEach((token) -> assertThat(upAgain.toString()).doesNotContain(token));
	}

	@Test
	void aTokenTheApiKeepsRejectingPausesRenewalsAndHealthSaysWhy() throws Exception {
		health(200);
		this.genesys.resetCounters();
		// what a disabled OAuth client, or an api-base-url of another region than the token-uri, looks like
		this.genesys.failApiRequests(1_000_000, ApiFault.unauthorized());
		clock.add(Duration.ofSeconds(11));

		List<Integer> statuses = callsAtOnce(1000, 32);

		assertThat(statuses).hasSize(1000).containsOnly(401);
		assertThat(this.genesys.tokenRequests()).as("token requests for 1,000 rejected calls").isLessThanOrEqualTo(5);
		JsonNode down = health(503);
		assertThat(down.get("status").asString()).isEqualTo("DOWN");
		assertThat(down.get("details").get("error").asString()).isEqualTo("token_rejected");
		assertThat(down.get("details").get("errorDescription").asString()).contains("disabled or deleted")
			.contains("another region")
			.contains("403");
		assertThat(down.get("details").propertyNames()).containsExactlyInAnyOrder("region", "tokenUri", "error",
				"errorDescription");
		this.genesys.issuedTokenValues().forEach((token) -> assertThat(down.toString()).doesNotContain(token));

		// the OAuth client is enabled again: the next token accepted ends the pause, without another token request
		this.genesys.heal();
		int tokenRequests = this.genesys.tokenRequests();
		assertThat(callApi()).contains("Stand-in Organization");
		clock.add(Duration.ofSeconds(11));
		assertThat(health(200).get("status").asString()).isEqualTo("UP");
		assertThat(this.genesys.tokenRequests()).isEqualTo(tokenRequests);
	}

	@Test
	void aHundredProbesCostAtMostOneTokenRequest() throws Exception {
		health(200);
		this.tokens.invalidate();
		clock.add(Duration.ofSeconds(11));
		this.genesys.resetCounters();

		Set<String> statuses = callConcurrently(50, () -> health(200).get("status").asString());
		for (int probe = 0; probe < 50; probe++) {
			health(200);
		}

		assertThat(statuses).containsExactly("UP");
		assertThat(this.genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void secretAppearsInNoActuatorEndpointWithAllValuesShown() {
		callApi();
		JsonNode links = JsonMapper.shared()
			.readTree(this.actuator.get().uri("/actuator").exchange().expectBody(String.class).returnResult().getResponseBody())
			.get("_links");
		List<String> checked = new ArrayList<>();
		for (Map.Entry<String, JsonNode> link : links.properties()) {
			String name = link.getKey();
			if (link.getValue().get("templated").asBoolean() || name.equals("heapdump") || name.equals("shutdown")) {
				continue;
			}
			String href = link.getValue().get("href").asString();
			String body = this.actuator.get()
				.uri(href)
				.exchange()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(String.valueOf(body)).as(name).doesNotContain(SECRET);
			this.genesys.issuedTokenValues().forEach((token) -> assertThat(String.valueOf(body)).as(name).doesNotContain(token));
			checked.add(name);
		}

		assertThat(checked).contains("env", "configprops", "health", "prometheus", "beans", "conditions", "metrics");
		String env = this.actuator.get().uri("/actuator/env/genesys.oauth.client-secret").exchange()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(env).contains("\"value\":\"******\"");
		String clientId = this.actuator.get().uri("/actuator/env/genesys.oauth.client-id").exchange()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(clientId).as("other values stay visible").contains(this.genesys.clientId());
		String configprops = this.actuator.get().uri("/actuator/configprops/genesys.oauth").exchange()
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(configprops).contains("\"clientSecret\":\"******\"").contains(this.genesys.clientId());
	}

	/** So many calls, that many at a time; the status each one ended with. */
	private List<Integer> callsAtOnce(int calls, int concurrency) throws Exception {
		ExecutorService callers = Executors.newFixedThreadPool(concurrency);
		try {
			List<Future<Integer>> statuses = new ArrayList<>();
			for (int call = 0; call < calls; call++) {
				statuses.add(callers.submit(() -> {
					try {
						callApi();
						return 200;
					}
					catch (WebClientResponseException ex) {
						return ex.getStatusCode().value();
					}
				}));
			}
			List<Integer> results = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				results.add(status.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			callers.shutdownNow();
		}
	}

	private String callApi() {
		return this.client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
	}

	private String prometheus() {
		return this.actuator.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
			.expectBody(String.class).returnResult().getResponseBody();
	}

	private JsonNode health(int status) {
		String body = this.actuator.get().uri("/actuator/health/genesys/default").exchange().expectStatus().isEqualTo(status)
			.expectBody(String.class).returnResult().getResponseBody();
		return JsonMapper.shared().readTree(body);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ObservedApplication {

		@Bean
		Clock genesysClock() {
			return clock;
		}

		// Spring Security is on this module's test classpath; the test reads the actuator without credentials
		@Bean
		SecurityWebFilterChain openActuator(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

	}

}
