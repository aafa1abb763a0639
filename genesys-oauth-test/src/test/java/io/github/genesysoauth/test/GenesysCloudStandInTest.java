package io.github.genesysoauth.test;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class GenesysCloudStandInTest {

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC);

	private final HttpClient http = HttpClient.newHttpClient();

	private GenesysCloudStandIn genesys;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.builder().clock(this.clock).tokenLifetime(Duration.ofSeconds(300)).start();
	}

	@AfterEach
	void stop() {
		this.genesys.close();
	}

	@Test
	void issuesBearerTokenForValidClientCredentials() throws Exception {
		HttpResponse<String> response = requestToken(this.genesys.clientId(), this.genesys.clientSecret());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body()).matches("\\{\"access_token\":\"[A-Za-z0-9_-]{64}\",\"token_type\":\"bearer\","
				+ "\"expires_in\":300}");
		assertThat(this.genesys.tokenRequests()).isEqualTo(1);
		assertThat(this.genesys.tokensIssued()).isEqualTo(1);
	}

	@Test
	void refusesWrongSecretWithGenesysInvalidClientBody() throws Exception {
		HttpResponse<String> response = requestToken(this.genesys.clientId(), "wrong");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"invalid_client\",\"description\":\"authentication failed\","
				+ "\"error_description\":\"authentication failed\"}");
		assertThat(this.genesys.tokenRequests()).isEqualTo(1);
		assertThat(this.genesys.tokensIssued()).isZero();
	}

	@Test
	void refusesUnknownClientAsClientNotFound() throws Exception {
		HttpResponse<String> response = requestToken("someone-else", this.genesys.clientSecret());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"invalid_client\"", "\"description\":\"client not found\"");
	}

	@Test
	void refusesWithConfiguredStatus() throws Exception {
		try (GenesysCloudStandIn strict = GenesysCloudStandIn.builder().credentialsRefusedStatus(401).start()) {
			HttpRequest request = tokenRequest(strict.tokenUri(), strict.clientId(), "wrong",
					"grant_type=client_credentials");
			assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
		}
	}

	@Test
	void comparesRawCredentialsNotUrlEncodedOnes() throws Exception {
		try (GenesysCloudStandIn special = GenesysCloudStandIn.builder().clientSecret("a+b/c=").start()) {
			HttpRequest encoded = tokenRequest(special.tokenUri(), special.clientId(), "a%2Bb%2Fc%3D",
					"grant_type=client_credentials");
			HttpRequest raw = tokenRequest(special.tokenUri(), special.clientId(), "a+b/c=",
					"grant_type=client_credentials");

			assertThat(this.http.send(encoded, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
			assertThat(this.http.send(raw, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void refusesOtherGrantTypes() throws Exception {
		HttpRequest request = tokenRequest(this.genesys.tokenUri(), this.genesys.clientId(),
				this.genesys.clientSecret(), "grant_type=password");

		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("\"error\":\"unsupported_grant_type\"");
	}

	@Test
	void servesOrganizationToValidToken() throws Exception {
		String token = issueToken();

		HttpResponse<String> response = api("/api/v2/organizations/me", "Bearer " + token);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"name\":\"Stand-in Organization\"", "\"state\":\"active\"");
		assertThat(response.headers().firstValue("ININ-Correlation-Id")).isPresent();
		assertThat(this.genesys.apiRequests()).isEqualTo(1);
		assertThat(this.genesys.unauthorizedApiRequests()).isZero();
	}

	@Test
	void servesTokenInformationToValidToken() throws Exception {
		HttpResponse<String> response = api("/api/v2/tokens/me", "Bearer " + issueToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"homeOrganization\"",
				"\"OAuthClient\":{\"id\":\"" + this.genesys.clientId() + "\"");
	}

	@Test
	void answersMissingTokenWithAuthenticationRequired() throws Exception {
		HttpResponse<String> response = api("/api/v2/organizations/me", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"authentication.required\"", "\"status\":401",
				"\"contextId\":");
		assertThat(this.genesys.unauthorizedApiRequests()).isEqualTo(1);
	}

	@Test
	void answersUnknownTokenWithBadCredentials() throws Exception {
		HttpResponse<String> response = api("/api/v2/organizations/me", "Bearer not-a-token");

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).startsWith("{\"message\":\"Invalid login credentials.\","
				+ "\"code\":\"bad.credentials\",\"status\":401,\"contextId\":\"")
			.endsWith("\",\"details\":[],\"errors\":[]}");
		assertThat(this.genesys.expiredTokenApiRequests()).isZero();
	}

	@Test
	void rejectsTokenOnceItsLifetimeHasPassedOnTheStandInClock() throws Exception {
		String token = issueToken();
		this.clock.add(Duration.ofSeconds(299));
		assertThat(api("/api/v2/organizations/me", "Bearer " + token).statusCode()).isEqualTo(200);

		this.clock.add(Duration.ofSeconds(1));
		HttpResponse<String> response = api("/api/v2/organizations/me", "Bearer " + token);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).contains("\"code\":\"bad.credentials\"");
		assertThat(this.genesys.expiredTokenApiRequests()).isEqualTo(1);
		assertThat(this.genesys.unauthorizedApiRequests()).isEqualTo(1);
	}

	@Test
	void appliesNewLifetimeToTokensIssuedAfterTheChange() throws Exception {
		this.genesys.setTokenLifetime(Duration.ofSeconds(2));

		assertThat(requestToken(this.genesys.clientId(), this.genesys.clientSecret()).body())
			.contains("\"expires_in\":2}");
	}

	@Test
	void delaysTokenResponsesWhenToldTo() throws Exception {
		this.genesys.setTokenResponseDelay(Duration.ofMillis(300));
		long start = System.nanoTime();

		HttpResponse<String> response = requestToken(this.genesys.clientId(), this.genesys.clientSecret());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void logsTokenRequestsAndResetsCounters() throws Exception {
		requestToken(this.genesys.clientId(), this.genesys.clientSecret());

		assertThat(this.genesys.tokenRequestLog()).singleElement()
			.satisfies((request) -> assertThat(request.getBodyAsString()).isEqualTo("grant_type=client_credentials"));

		this.genesys.resetCounters();
		assertThat(this.genesys.tokenRequests()).isZero();
		assertThat(this.genesys.tokensIssued()).isZero();
		assertThat(this.genesys.tokenRequestLog()).isEmpty();
	}

	@Test
	void pointsGenesysOAuthPropertiesAtItself() {
		assertThat(this.genesys.properties()).containsExactly(
				java.util.Map.entry("genesys.oauth.client-id", GenesysCloudStandIn.DEFAULT_CLIENT_ID),
				java.util.Map.entry("genesys.oauth.client-secret", GenesysCloudStandIn.DEFAULT_CLIENT_SECRET),
				java.util.Map.entry("genesys.oauth.token-uri", this.genesys.baseUrl() + "/oauth/token"),
				java.util.Map.entry("genesys.oauth.api-base-url", this.genesys.baseUrl()));
		assertThat(this.genesys.propertyValues()).containsExactly(
				"genesys.oauth.client-id=" + GenesysCloudStandIn.DEFAULT_CLIENT_ID,
				"genesys.oauth.client-secret=" + GenesysCloudStandIn.DEFAULT_CLIENT_SECRET,
				"genesys.oauth.token-uri=" + this.genesys.baseUrl() + "/oauth/token",
				"genesys.oauth.api-base-url=" + this.genesys.baseUrl());
	}

	@Test
	void listensOnLoopbackOnly() throws IOException {
		assertThat(this.genesys.tokenUri().getHost()).isEqualTo("127.0.0.1");
		assertThat(this.genesys.apiBaseUrl().toString()).startsWith("http://127.0.0.1:");
		assertThat(this.genesys.toString()).doesNotContain(this.genesys.clientSecret());

		// The URLs above are strings the stand-in writes itself, whatever it binds to; where it listens is the
		// server's bind address, and what answers on this machine's other addresses.
		assertThat(this.genesys.wireMock().getOptions().bindAddress()).isEqualTo("127.0.0.1");
		int port = this.genesys.wireMock().port();
		for (InetAddress address : nonLoopbackAddresses()) {
			try (Socket socket = new Socket()) {
				assertThatIOException().as("a connection to port %d on %s", port, address)
					.isThrownBy(() -> socket.connect(new InetSocketAddress(address, port), 2000));
			}
		}
	}

	private static List<InetAddress> nonLoopbackAddresses() throws IOException {
		List<InetAddress> addresses = new ArrayList<>();
		for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
			if (network.isUp() && !network.isLoopback()) {
				Collections.list(network.getInetAddresses())
					.stream()
					.filter((address) -> address instanceof Inet4Address)
					.forEach(addresses::add);
			}
		}
		return addresses;
	}

	private String issueToken() throws IOException, InterruptedException {
		String body = requestToken(this.genesys.clientId(), this.genesys.clientSecret()).body();
		Matcher matcher = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
		assertThat(matcher.find()).as("token in %s", body).isTrue();
		return matcher.group(1);
	}

	private HttpResponse<String> requestToken(String id, String secret) throws IOException, InterruptedException {
		return this.http.send(tokenRequest(this.genesys.tokenUri(), id, secret, "grant_type=client_credentials"),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest tokenRequest(URI tokenUri, String id, String secret, String body) {
		String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(tokenUri)
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> api(String path, String authorization) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.genesys.baseUrl() + path)).GET();
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
