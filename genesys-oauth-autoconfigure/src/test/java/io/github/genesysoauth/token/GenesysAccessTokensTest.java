package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.GenesysCloudStandInBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GenesysAccessTokensTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

	private final List<GenesysCloudStandIn> standIns = new ArrayList<>();

	@AfterEach
	void stopStandIns() {
		this.standIns.forEach(GenesysCloudStandIn::close);
	}

	@Test
	void sendsTheExactTokenRequestGenesysDocuments() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().clientSecret("s3cr+t/with=chars~"));
		GenesysAccessTokens tokens = tokens(genesys).build();

		OAuth2AccessToken token = tokens.accessToken().block(WAIT);

		assertThat(token.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		LoggedRequest request = genesys.tokenRequestLog().get(0);
		assertThat(request.getMethod().value()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo("/oauth/token");
		String basic = Base64.getEncoder().encodeToString((genesys.clientId() + ":s3cr+t/with=chars~").getBytes());
		assertThat(request.getHeader("Authorization")).isEqualTo("Basic " + basic);
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getHeader("Accept")).isEqualTo("application/json");
		assertThat(request.getBodyAsString()).isEqualTo("grant_type=client_credentials");
	}

	@Test
	void sendsScopeOnlyWhenConfigured() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		ClientRegistration withScopes = ClientRegistration.withClientRegistration(registration(genesys))
			.scope("analytics", "users")
			.build();

		GenesysAccessTokens.builder(withScopes).clock(this.clock).build().accessToken().block(WAIT);

		assertThat(genesys.tokenRequestLog().get(0).getBodyAsString())
			.isEqualTo("grant_type=client_credentials&scope=analytics+users");
	}

	@Test
	void sharesOneTokenRequestAmong500ConcurrentFirstCallers() throws Exception {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		genesys.setTokenResponseDelay(Duration.ofMillis(200));
		GenesysAccessTokens tokens = tokens(genesys).build();

		Set<String> seen = callConcurrently(500, () -> tokens.accessToken().block(WAIT).getTokenValue());

		assertThat(seen).hasSize(1);
		assertThat(genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void reusesTokenUntilRenewalIsDue() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(300)));
		GenesysAccessTokens tokens = tokens(genesys).build();

		String first = tokens.accessToken().block(WAIT).getTokenValue();
		this.clock.add(Duration.ofSeconds(239));
		String beforeRenewal = tokens.accessToken().block(WAIT).getTokenValue();
		this.clock.add(Duration.ofSeconds(1));
		// due for renewal, still valid: given at once, renewed in the background
		String atRenewal = tokens.accessToken().block(WAIT).getTokenValue();
		Renewals.awaitFresh(tokens);
		String afterRenewal = tokens.accessToken().block(WAIT).getTokenValue();

		assertThat(beforeRenewal).isEqualTo(first);
		assertThat(atRenewal).isEqualTo(first);
		assertThat(afterRenewal).isNotEqualTo(first);
		assertThat(genesys.tokenRequests()).isEqualTo(2);
	}

	@Test
	void renewsOncePerRenewalUnderConcurrentLoadAndNeverSendsAnExpiredToken() throws Exception {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(300)));
		genesys.setTokenResponseDelay(Duration.ofMillis(50));
		GenesysAccessTokens tokens = tokens(genesys).build();
		int renewals = 5;

		for (int round = 0; round <= renewals; round++) {
			Set<String> seen = callConcurrently(200, () -> tokens.accessToken()
				.flatMap((token) -> Mono.fromCallable(() -> callApi(genesys, token)).subscribeOn(Schedulers.boundedElastic()))
				.block(WAIT));
			assertThat(seen).containsExactly("200");
			// the burst got the token it held; the renewal it started lands in the background
			Renewals.awaitFresh(tokens);
			assertThat(genesys.tokenRequests()).isEqualTo(round + 1);
			// past the renewal point (300 s - 60 s), still short of expiry
			this.clock.add(Duration.ofSeconds(241));
		}

		assertThat(genesys.expiredTokenApiRequests()).isZero();
		assertThat(genesys.unauthorizedApiRequests()).isZero();
		assertThat(genesys.apiRequests()).isEqualTo(200 * (renewals + 1));
	}

	@Test
	void renewsOnceWhenTheClockPassesRenewalInTheMiddleOfABurst() throws Exception {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(300)));
		GenesysAccessTokens tokens = tokens(genesys).build();
		tokens.accessToken().block(WAIT);
		genesys.setTokenResponseDelay(Duration.ofMillis(100));

		Set<String> seen = callConcurrently(300, () -> {
			if (Thread.currentThread().getName().endsWith("-150")) {
				this.clock.add(Duration.ofSeconds(241));
			}
			return tokens.accessToken().block(WAIT).getTokenValue();
		});

		assertThat(seen).hasSizeBetween(1, 2);
		assertThat(genesys.tokenRequests()).isEqualTo(2);
	}

	@Test
	void usesShortLivedTokenForTheWholeFirstHalfOfItsLife() {
		// Stock Spring Security treats a token living under its 60 s clock skew as expired on arrival and requests
		// another for every call (spring-security#14943).
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(30)));
		GenesysAccessTokens tokens = tokens(genesys).build();

		for (int call = 0; call < 10; call++) {
			tokens.accessToken().block(WAIT);
			this.clock.add(Duration.ofSeconds(1));
		}
		assertThat(genesys.tokenRequests()).isEqualTo(1);

		this.clock.add(Duration.ofSeconds(5));
		tokens.accessToken().block(WAIT);
		Renewals.awaitFresh(tokens);
		assertThat(genesys.tokenRequests()).isEqualTo(2);
	}

	@Test
	void deliversEvenAOneSecondTokenToTheCallersThatWaitedForIt() throws Exception {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(1)));
		genesys.setTokenResponseDelay(Duration.ofMillis(100));
		GenesysAccessTokens tokens = tokens(genesys).build();

		Set<String> seen = callConcurrently(50, () -> callApi(genesys, tokens.accessToken().block(WAIT)));

		assertThat(seen).containsExactly("200");
		assertThat(genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void invalidateMakesTheNextCallerRenew() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		GenesysAccessTokens tokens = tokens(genesys).build();
		OAuth2AccessToken first = tokens.accessToken().block(WAIT);

		tokens.invalidate();

		assertThat(tokens.accessToken().block(WAIT).getTokenValue()).isNotEqualTo(first.getTokenValue());
		assertThat(genesys.tokenRequests()).isEqualTo(2);
	}

	@Test
	void invalidatesARejectedTokenOnlyOnce() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		GenesysAccessTokens tokens = tokens(genesys).build();
		OAuth2AccessToken rejected = tokens.accessToken().block(WAIT);

		assertThat(tokens.invalidate(rejected)).isTrue();
		OAuth2AccessToken renewed = tokens.accessToken().block(WAIT);
		assertThat(tokens.invalidate(rejected)).isFalse();

		assertThat(tokens.accessToken().block(WAIT)).isSameAs(renewed);
		assertThat(genesys.tokenRequests()).isEqualTo(2);
	}

	@Test
	void refusedCredentialsBecomeGenesysAuthenticationExceptionWithoutTheSecret() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		ClientRegistration wrongSecret = ClientRegistration.withClientRegistration(registration(genesys))
			.clientSecret("not-the-secret")
			.build();
		GenesysAccessTokens tokens = GenesysAccessTokens.builder(wrongSecret).clock(this.clock).build();

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure.getDescription()).isEqualTo("authentication failed");
		assertThat(failure.getHttpStatus()).isEqualTo(400);
		assertThat(failure.getTokenUri()).isEqualTo(genesys.tokenUri());
		assertThat(failure.getClientId()).isEqualTo(genesys.clientId());
		assertThat(failure).hasMessage("Could not obtain a Genesys Cloud access token for OAuth client '"
				+ genesys.clientId() + "' from " + genesys.tokenUri() + ": invalid_client (authentication failed), "
				+ "HTTP 400. Check clientId and clientSecret, that the OAuth client "
				+ "uses the Client Credentials grant, and that it belongs to the region configured.");
		assertThat(failure.getMessage()).doesNotContain("not-the-secret");
		assertThat(tokens.state().lastFailure()).hasMessage(failure.getMessage());
		assertThat(tokens.state().expiresAt()).isNull();
	}

	@Test
	void refusalWith401IsReportedTheSameWay() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().credentialsRefusedStatus(401));
		ClientRegistration unknownClient = ClientRegistration.withClientRegistration(registration(genesys))
			.clientId("unknown-client")
			.build();

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> GenesysAccessTokens.builder(unknownClient).build().accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure.getDescription()).isEqualTo("client not found");
		assertThat(failure.getHttpStatus()).isEqualTo(401);
		assertThat(failure.getMessage()).contains("'unknown-client'");
	}

	@Test
	void slowTokenEndpointFailsAfterTheTimeoutWithAClearError() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		genesys.setTokenResponseDelay(Duration.ofSeconds(5));
		GenesysAccessTokens tokens = tokens(genesys).tokenRequestTimeout(Duration.ofMillis(300)).build();

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("timeout");
		assertThat(failure.getHttpStatus()).isNull();
		assertThat(failure).hasMessageContaining("no answer within 300 ms")
			.hasMessageContaining("raise tokenRequestTimeout");
	}

	@Test
	void unreachableTokenEndpointFailsWithConnectionFailed() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.close();

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("connection_failed");
		assertThat(failure).hasMessageContaining(genesys.tokenUri().toString());
	}

	@Test
	void failsFastWhilePausedAfterAFailureAndRecoversOnTheFirstCallAfterThePause() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		genesys.setTokenResponseDelay(Duration.ofSeconds(2));
		GenesysAccessTokens tokens = tokens(genesys).tokenRequestTimeout(Duration.ofMillis(200)).maxAttempts(1).build();
		catchThrowableOfType(GenesysAuthenticationException.class, () -> tokens.accessToken().block(WAIT));
		genesys.setTokenResponseDelay(Duration.ZERO);

		GenesysAuthenticationException paused = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));
		Instant pausedUntil = tokens.state().pausedUntil();
		this.clock.setInstant(pausedUntil);
		OAuth2AccessToken recovered = tokens.accessToken().block(WAIT);

		assertThat(paused.getErrorCode()).isEqualTo("timeout");
		assertThat(paused).hasMessageContaining("Token requests pause until " + pausedUntil + " after 1 failure.");
		assertThat(recovered).isNotNull();
		assertThat(genesys.tokenRequests()).isEqualTo(2);
		assertThat(tokens.state().lastFailure()).isNull();
		assertThat(tokens.state().pausedUntil()).isNull();
		assertThat(tokens.state().expiresIn(this.clock.instant()))
			.isEqualTo(GenesysCloudStandIn.DEFAULT_TOKEN_LIFETIME);
	}

	@Test
	void twoIndependentInstancesKeepTheirOwnTokens() {
		GenesysCloudStandIn orgA = standIn(GenesysCloudStandIn.builder().clientId("org-a").clientSecret("secret-a"));
		GenesysCloudStandIn orgB = standIn(GenesysCloudStandIn.builder().clientId("org-b").clientSecret("secret-b"));
		GenesysAccessTokens tokensA = tokens(orgA).build();
		GenesysAccessTokens tokensB = tokens(orgB).build();

		String tokenA = tokensA.accessToken().block(WAIT).getTokenValue();
		String tokenB = tokensB.accessToken().block(WAIT).getTokenValue();
		tokensA.invalidate();
		tokensB.accessToken().block(WAIT);

		assertThat(tokenA).isNotEqualTo(tokenB);
		assertThat(orgA.tokenRequests()).isEqualTo(1);
		assertThat(orgB.tokenRequests()).isEqualTo(1);
	}

	@Test
	void cancelledCallerDoesNotCancelTheSharedRequest() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		genesys.setTokenResponseDelay(Duration.ofMillis(300));
		GenesysAccessTokens tokens = tokens(genesys).build();

		// the first caller starts the request and cancels while ten others wait for it
		Disposable first = tokens.accessToken().subscribe();
		Mono<OAuth2AccessToken> others = Flux.range(0, 10).flatMap((i) -> tokens.accessToken()).last().cache();
		others.subscribe();
		first.dispose();
		OAuth2AccessToken token = others.block(WAIT);

		assertThat(token).isNotNull();
		assertThat(genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void describesItselfWithoutSecrets() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder());
		GenesysAccessTokens tokens = tokens(genesys).build();
		OAuth2AccessToken token = tokens.accessToken().block(WAIT);

		assertThat(tokens.toString()).contains(genesys.clientId())
			.doesNotContain(genesys.clientSecret())
			.doesNotContain(token.getTokenValue());
		assertThat(tokens.state().toString()).doesNotContain(token.getTokenValue());
	}

	@Test
	void refusesRegistrationWithAnotherGrant() {
		ClientRegistration authorizationCode = ClientRegistration.withRegistrationId("login")
			.clientId("id")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://example.test/callback")
			.authorizationUri("https://example.test/authorize")
			.tokenUri("https://example.test/token")
			.build();

		assertThatIllegalArgumentException().isThrownBy(() -> GenesysAccessTokens.builder(authorizationCode))
			.withMessage("registration 'login' must use the client_credentials grant");
	}

	private GenesysCloudStandIn standIn(GenesysCloudStandInBuilder builder) {
		GenesysCloudStandIn standIn = builder.clock(this.clock).start();
		this.standIns.add(standIn);
		return standIn;
	}

	private GenesysAccessTokensBuilder tokens(GenesysCloudStandIn genesys) {
		return GenesysAccessTokens.builder(registration(genesys)).clock(this.clock);
	}

	private static String callApi(GenesysCloudStandIn genesys, OAuth2AccessToken token) throws Exception {
		java.net.http.HttpRequest request = java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(genesys.baseUrl() + "/api/v2/organizations/me"))
			.header("Authorization", "Bearer " + token.getTokenValue())
			.build();
		return String.valueOf(HTTP.send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
	}

	private static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

}
