package io.github.genesysoauth.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GenesysCloudStandInFaultsTest {

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private final HttpClient http = HttpClient.newHttpClient();

	private GenesysCloudStandIn genesys;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.builder().clock(this.clock).start();
	}

	@AfterEach
	void stop() {
		this.genesys.close();
	}

	@Test
	void failsTheNextTokenRequestsThenIssuesTokensAgain() throws Exception {
		this.genesys.failTokenRequests(2, TokenFault.status(503));

		HttpResponse<String> first = requestToken(this.genesys.clientSecret());
		HttpResponse<String> second = requestToken(this.genesys.clientSecret());
		HttpResponse<String> third = requestToken(this.genesys.clientSecret());

		assertThat(first.statusCode()).isEqualTo(503);
		assertThat(first.headers().firstValue("Content-Type")).hasValue("text/html");
		assertThat(first.body()).contains("<h1>503</h1>");
		assertThat(second.statusCode()).isEqualTo(503);
		assertThat(third.statusCode()).isEqualTo(200);
		assertThat(this.genesys.tokenRequests()).isEqualTo(3);
		assertThat(this.genesys.tokensIssued()).isEqualTo(1);
	}

	@Test
	void failsTokenRequestsForAPeriodOfItsClock() throws Exception {
		this.genesys.failTokenRequestsFor(Duration.ofSeconds(3), TokenFault.status(502));

		assertThat(requestToken(this.genesys.clientSecret()).statusCode()).isEqualTo(502);
		this.clock.add(Duration.ofMillis(2999));
		assertThat(requestToken(this.genesys.clientSecret()).statusCode()).isEqualTo(502);
		this.clock.add(Duration.ofMillis(1));
		assertThat(requestToken(this.genesys.clientSecret()).statusCode()).isEqualTo(200);
	}

	@Test
	void resetsTheConnectionWhenToldTo() {
		this.genesys.failTokenRequests(1, TokenFault.connectionReset());

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> requestToken(this.genesys.clientSecret()));
		assertThat(this.genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void answersAnyMalformedResponseItIsGiven() throws Exception {
		this.genesys.failTokenRequests(1, TokenFault.response(200, "application/json", "{\"token_type\":\"bearer\"}"));

		HttpResponse<String> response = requestToken(this.genesys.clientSecret());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"token_type\":\"bearer\"}");
	}

	@Test
	void healCancelsEveryFault() throws Exception {
		this.genesys.failTokenRequestsFor(Duration.ofHours(1), TokenFault.status(503));
		this.genesys.failApiRequests(10, ApiFault.status(503));

		this.genesys.heal();

		String token = issueToken();
		assertThat(api("GET", "/api/v2/organizations/me", token).statusCode()).isEqualTo(200);
	}

	@Test
	void acceptsOnlyTheRotatedSecretAfterRotation() throws Exception {
		String token = issueToken();

		this.genesys.setClientSecret("rotated");

		assertThat(requestToken(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET).body())
			.contains("\"error\":\"invalid_client\"");
		assertThat(requestToken("rotated").statusCode()).isEqualTo(200);
		assertThat(this.genesys.clientSecret()).isEqualTo("rotated");
		assertThat(api("GET", "/api/v2/organizations/me", token).statusCode()).as("issued before").isEqualTo(200);
	}

	@Test
	void failsTheNextApiRequestsWithGenesysErrorBodies() throws Exception {
		String token = issueToken();
		this.genesys.failApiRequests(1, ApiFault.status(503));

		HttpResponse<String> failed = api("GET", "/api/v2/organizations/me", token);
		HttpResponse<String> served = api("GET", "/api/v2/organizations/me", token);

		assertThat(failed.statusCode()).isEqualTo(503);
		assertThat(failed.body()).contains("\"status\":503", "\"code\":\"service.unavailable\"", "\"contextId\":");
		assertThat(failed.headers().firstValue("ININ-Correlation-Id")).isPresent();
		assertThat(served.statusCode()).isEqualTo(200);
		assertThat(this.genesys.apiRequests()).isEqualTo(2);
		assertThat(this.genesys.faultedApiRequests()).isEqualTo(1);
	}

	@Test
	void answersUnauthorizedToAValidTokenWhenToldTo() throws Exception {
		String token = issueToken();
		this.genesys.failApiRequests(1, ApiFault.unauthorized());

		HttpResponse<String> response = api("GET", "/api/v2/organizations/me", token);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"bad.credentials\"");
		assertThat(this.genesys.unauthorizedApiRequests()).isEqualTo(1);
	}

	@Test
	void rateLimitsWithRetryAfterInSeconds() throws Exception {
		String token = issueToken();
		this.genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(42)));

		HttpResponse<String> response = api("GET", "/api/v2/organizations/me", token);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("42");
		assertThat(response.body()).contains(
				"\"message\":\"Rate limit exceeded the maximum. Retry the request in [42] seconds\"",
				"\"code\":\"too.many.requests.retry.after\"", "\"status\":429");
		assertThat(this.genesys.rateLimitedApiRequests()).isEqualTo(1);
	}

	@Test
	void rateLimitsWithRetryAfterAsHttpDateOfItsClock() throws Exception {
		String token = issueToken();
		this.genesys.failApiRequests(1, ApiFault.rateLimitedUntilDate(Duration.ofSeconds(5)));

		HttpResponse<String> response = api("GET", "/api/v2/organizations/me", token);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("retry-after").map((date) -> ZonedDateTime
			.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
			.toInstant())).hasValue(this.clock.instant().plusSeconds(5));
	}

	@Test
	void rateLimitsWithoutRetryAfter() throws Exception {
		String token = issueToken();
		this.genesys.failApiRequests(1, ApiFault.rateLimitedWithoutRetryAfter());

		HttpResponse<String> response = api("GET", "/api/v2/organizations/me", token);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void enforcesRequestsPerMinutePerTokenOnItsClock() throws Exception {
		try (GenesysCloudStandIn limited = GenesysCloudStandIn.builder()
			.clock(this.clock)
			.rateLimitPerMinute(GenesysCloudStandIn.GENESYS_RATE_LIMIT_PER_MINUTE)
			.start()) {
			String token = issueToken(limited);
			String other = issueToken(limited);
			for (int i = 0; i < 300; i++) {
				assertThat(api(limited, "GET", "/api/v2/tokens/me", token).statusCode()).isEqualTo(200);
			}
			this.clock.add(Duration.ofSeconds(20));

			HttpResponse<String> limitedResponse = api(limited, "GET", "/api/v2/tokens/me", token);
			HttpResponse<String> otherToken = api(limited, "GET", "/api/v2/tokens/me", other);

			assertThat(limitedResponse.statusCode()).isEqualTo(429);
			assertThat(limitedResponse.headers().firstValue("Retry-After")).hasValue("40");
			assertThat(standing(limitedResponse)).containsExactly("300", "300", "40");
			assertThat(standing(otherToken)).as("the other token's minute opened now").containsExactly("1", "300", "60");
			assertThat(otherToken.statusCode()).as("limit is per token").isEqualTo(200);
			this.clock.add(Duration.ofSeconds(40));
			assertThat(api(limited, "GET", "/api/v2/tokens/me", token).statusCode()).isEqualTo(200);
			assertThat(limited.rateLimitedApiRequests()).isEqualTo(1);
		}
	}

	@Test
	void tellsWhereTheTokenStandsOnEveryAnswerWhileALimitIsSet() throws Exception {
		try (GenesysCloudStandIn limited = GenesysCloudStandIn.builder().clock(this.clock).rateLimitPerMinute(60).start()) {
			String token = issueToken(limited);
			assertThat(standing(api(limited, "GET", "/api/v2/organizations/me", token))).containsExactly("1", "60", "60");
			this.clock.add(Duration.ofMillis(12_500));
			assertThat(standing(api(limited, "GET", "/api/v2/tokens/me", token))).containsExactly("2", "60", "48");
			limited.setRateLimitPerMinute(0);
			assertThat(standing(api(limited, "GET", "/api/v2/tokens/me", token))).as("no limit, no headers")
				.containsExactly(null, null, null);
		}
	}

	private static List<String> standing(HttpResponse<String> response) {
		return Stream.of("inin-ratelimit-count", "inin-ratelimit-allowed", "ININ-RateLimit-Reset")
			.map((name) -> response.headers().firstValue(name).orElse(null))
			.toList();
	}

	@Test
	void revokesTheCallingTokenOnDeleteTokensMe() throws Exception {
		String token = issueToken();
		String other = issueToken();

		HttpResponse<String> deleted = api("DELETE", "/api/v2/tokens/me", token);

		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThat(api("GET", "/api/v2/organizations/me", token).statusCode()).isEqualTo(401);
		assertThat(api("GET", "/api/v2/organizations/me", other).statusCode()).isEqualTo(200);
		assertThat(this.genesys.expiredTokenApiRequests()).isZero();
	}

	@Test
	void revokesTokensItIsToldTo() throws Exception {
		String first = issueToken();
		String second = issueToken();

		assertThat(this.genesys.revokeToken(first)).isTrue();
		assertThat(this.genesys.revokeToken(first)).isFalse();
		assertThat(api("GET", "/api/v2/organizations/me", first).statusCode()).isEqualTo(401);
		assertThat(api("GET", "/api/v2/organizations/me", second).statusCode()).isEqualTo(200);
		assertThat(this.genesys.revokeAllTokens()).isEqualTo(1);
		assertThat(api("GET", "/api/v2/organizations/me", second).statusCode()).isEqualTo(401);
	}

	@Test
	void answersAnalyticsQueryAndLogsItsBody() throws Exception {
		String token = issueToken();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.genesys.baseUrl()
				+ "/api/v2/analytics/conversations/details/query"))
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"interval\":\"2026-01-01/2026-01-02\"}"))
			.build();

		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"totalHits\":0}");
		assertThat(this.genesys.apiRequestLog()).singleElement()
			.satisfies((logged) -> assertThat(logged.getBodyAsString())
				.isEqualTo("{\"interval\":\"2026-01-01/2026-01-02\"}"));
	}

	@Test
	void refusesMethodsAnEndpointDoesNotHave() throws Exception {
		assertThat(api("POST", "/api/v2/organizations/me", issueToken()).statusCode()).isEqualTo(405);
	}

	private String issueToken() throws IOException, InterruptedException {
		return issueToken(this.genesys);
	}

	private String issueToken(GenesysCloudStandIn standIn) throws IOException, InterruptedException {
		String body = this.http.send(tokenRequest(standIn, standIn.clientSecret()), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
		assertThat(matcher.find()).as("token in %s", body).isTrue();
		return matcher.group(1);
	}

	private HttpResponse<String> requestToken(String secret) throws IOException, InterruptedException {
		return this.http.send(tokenRequest(this.genesys, secret), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest tokenRequest(GenesysCloudStandIn standIn, String secret) {
		String basic = Base64.getEncoder()
			.encodeToString((standIn.clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(standIn.tokenUri())
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
	}

	private HttpResponse<String> api(String method, String path, String token) throws IOException, InterruptedException {
		return api(this.genesys, method, path, token);
	}

	private HttpResponse<String> api(GenesysCloudStandIn standIn, String method, String path, String token)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.method(method, HttpRequest.BodyPublishers.noBody())
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
