package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.GenesysCloudStandInBuilder;
import io.github.genesysoauth.test.TokenFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.MutableClock;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** How the token source meets a failing, refusing or confused login service; time follows a controlled clock. */
@ParameterizedClass(name = "{0}")
@EnumSource(TokenTransport.class)
class GenesysAccessTokensResilienceTest {

	// every case holds whether token requests travel over WebClient or over RestClient
	@Parameter
	TokenTransport transport;

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC);

	private final List<GenesysCloudStandIn> standIns = new ArrayList<>();

	@AfterEach
	void stopStandIns() {
		this.standIns.forEach(GenesysCloudStandIn::close);
	}

	@Test
	void sharesAFailedFlightAndItsPauseAmongAllCallersThenRecovers() throws Exception {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.failTokenRequests(1000, TokenFault.status(503));

		Set<String> during = callConcurrently(32, () -> outcome(tokens));
		Set<String> paused = callConcurrently(32, () -> outcome(tokens));

		assertThat(during).containsExactly("server_error");
		assertThat(paused).containsExactly("server_error");
		assertThat(genesys.tokenRequests()).as("3 attempts in one flight, none while paused").isEqualTo(3);

		genesys.heal();
		this.clock.setInstant(tokens.state().pausedUntil());
		Set<String> after = callConcurrently(32, () -> outcome(tokens));

		assertThat(after).containsExactly("token");
		assertThat(genesys.tokenRequests()).isEqualTo(4);
	}

	@Test
	void pauseAfterFaultsGrowsToMaxBackoff() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).maxAttempts(1)
			.initialBackoff(Duration.ofSeconds(1))
			.maxBackoff(Duration.ofSeconds(4))
			.build();
		genesys.failTokenRequests(1000, TokenFault.status(502));
		List<Duration> pauses = new ArrayList<>();

		for (int flight = 0; flight < 5; flight++) {
			outcome(tokens);
			GenesysTokenState state = tokens.state();
			pauses.add(Duration.between(state.lastFailureAt(), state.pausedUntil()));
			this.clock.setInstant(state.pausedUntil());
		}

		assertThat(pauses.get(0)).isBetween(Duration.ofMillis(750), Duration.ofSeconds(1));
		assertThat(pauses.get(1)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
		assertThat(pauses.get(2)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
		assertThat(pauses.get(4)).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(4));
		assertThat(genesys.tokenRequests()).isEqualTo(5);
	}

	@Test
	void refusalIsNeverRetriedAndPausesLongerEachTime() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = this.transport.applyTo(GenesysAccessTokens.builder(withSecret(genesys, "wrong")))
			.clock(this.clock)
			.build();
		List<Duration> pauses = new ArrayList<>();

		for (int refusal = 0; refusal < 3; refusal++) {
			for (int call = 0; call < 50; call++) {
				assertThat(outcome(tokens)).isEqualTo("invalid_client");
			}
			GenesysTokenState state = tokens.state();
			pauses.add(Duration.between(state.lastFailureAt(), state.pausedUntil()));
			this.clock.setInstant(state.pausedUntil());
		}

		assertThat(genesys.tokenRequests()).as("one per pause, 150 calls").isEqualTo(3);
		assertThat(pauses.get(0)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
		assertThat(pauses.get(1)).isBetween(Duration.ofMillis(7500), Duration.ofSeconds(10));
		assertThat(pauses.get(2)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));
	}

	@Test
	void secretFixedOnGenesysSideIsPickedUpAfterThePause() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = this.transport.applyTo(GenesysAccessTokens.builder(withSecret(genesys, "new-secret")))
			.clock(this.clock)
			.build();
		assertThat(outcome(tokens)).isEqualTo("invalid_client");

		genesys.setClientSecret("new-secret");
		assertThat(outcome(tokens)).as("still paused").isEqualTo("invalid_client");
		this.clock.setInstant(tokens.state().pausedUntil());

		assertThat(outcome(tokens)).isEqualTo("token");
		assertThat(genesys.tokenRequests()).isEqualTo(2);
		assertThat(tokens.state().lastFailure()).isNull();
	}

	@Test
	void changedCredentialsFromTheRegistrationSourceEndThePauseAtOnce() {
		GenesysCloudStandIn genesys = standIn();
		AtomicReference<ClientRegistration> source = new AtomicReference<>(withSecret(genesys, "wrong"));
		GenesysAccessTokens tokens = this.transport.applyTo(GenesysAccessTokens.builder(source.get()))
			.registrationSource(source::get)
			.clock(this.clock)
			.build();
		assertThat(outcome(tokens)).isEqualTo("invalid_client");

		source.set(registration(genesys));

		assertThat(outcome(tokens)).isEqualTo("token");
		assertThat(genesys.tokenRequests()).isEqualTo(2);
		assertThat(tokens.clientRegistration().getClientSecret()).isEqualTo(genesys.clientSecret());
	}

	@Test
	void failedRenewalKeepsTheStillValidTokenUntilItExpires() {
		GenesysCloudStandIn genesys = standIn(GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(300)));
		GenesysAccessTokens tokens = tokens(genesys).build();
		OAuth2AccessToken first = tokens.accessToken().block(WAIT);
		genesys.failTokenRequests(1000, TokenFault.status(503));

		this.clock.add(Duration.ofSeconds(250));
		OAuth2AccessToken duringOutage = tokens.accessToken().block(WAIT);
		Renewals.awaitFailure(tokens);
		OAuth2AccessToken whilePaused = tokens.accessToken().block(WAIT);

		assertThat(duringOutage).isSameAs(first);
		assertThat(whilePaused).isSameAs(first);
		assertThat(genesys.tokenRequests()).as("a renewal makes one attempt: it has a token to fall back on")
			.isEqualTo(2);

		this.clock.add(Duration.ofSeconds(50));
		assertThat(outcome(tokens)).as("expired, endpoint still down").isEqualTo("server_error");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			HTML page from a proxy      | 200 | text/html        | <html><body>Sign in</body></html> | the answer has text/html content type, not JSON
			no content type             | 200 |                  | {"access_token":"x","expires_in":300} | the answer has no content type, not JSON
			not JSON                    | 200 | application/json | access_token=x&expires_in=300      | the body is not a JSON object
			JSON array                  | 200 | application/json | []                                 | the body is not a JSON object
			empty body                  | 200 | application/json | ''                                 | the body is empty
			no access_token             | 200 | application/json | {"token_type":"bearer","expires_in":300} | the answer has no access_token
			blank access_token          | 200 | application/json | {"access_token":" ","expires_in":300} | the answer has no access_token
			no expires_in               | 200 | application/json | {"access_token":"x","token_type":"bearer"} | the answer has no expires_in
			zero expires_in             | 200 | application/json | {"access_token":"x","expires_in":0} | expires_in is 0, not a lifetime (Genesys gives 300 to 172800 seconds)
			negative expires_in         | 200 | application/json | {"access_token":"x","expires_in":-5} | expires_in is -5, not a lifetime (Genesys gives 300 to 172800 seconds)
			non-numeric expires_in      | 200 | application/json | {"access_token":"x","expires_in":"soon"} | expires_in is not a number
			other token type            | 200 | application/json | {"access_token":"x","token_type":"mac","expires_in":300} | token_type is not bearer
			""")
	void malformedTokenResponsesFailClearlyAndAreNotRetried(String name, int status, String contentType, String body,
			String description) {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.failTokenRequests(1, TokenFault.response(status, contentType, body));

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("malformed_response");
		assertThat(failure.getDescription()).isEqualTo(description);
		assertThat(failure.getHttpStatus()).isEqualTo(status);
		assertThat(genesys.tokenRequests()).isEqualTo(1);
		assertThat(tokens.state().expiresAt()).as("nothing cached").isNull();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			upper-case token type | {"access_token":"abc","token_type":"Bearer","expires_in":3600,"unknown":true} | 3600
			no token type         | {"access_token":"abc","expires_in":3600}                                       | 3600
			expires_in as string  | {"access_token":"abc","token_type":"bearer","expires_in":"3600"}               | 3600
			absurd expires_in     | {"access_token":"abc","token_type":"bearer","expires_in":1000000000000}        | 172800
			""")
	void readsGenesysVariationsLeniently(String name, String body, long lifetimeSeconds) {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.failTokenRequests(1, TokenFault.response(200, "application/json;charset=UTF-8", body));

		OAuth2AccessToken token = tokens.accessToken().block(WAIT);

		assertThat(token.getTokenValue()).isEqualTo("abc");
		assertThat(token.getTokenType()).isEqualTo(OAuth2AccessToken.TokenType.BEARER);
		assertThat(tokens.state().expiresIn(this.clock.instant())).isEqualTo(Duration.ofSeconds(lifetimeSeconds));
	}

	@Test
	void errorBodyWithSuccessStatusIsStillAnError() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.failTokenRequests(1, TokenFault.response(200, "application/json",
				"{\"error\":\"invalid_client\",\"description\":\"client not found\"}"));

		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
		assertThat(failure.getDescription()).isEqualTo("client not found");
	}

	@Test
	void genesysThrottlingTheTokenEndpointIsARateLimitNotWrongCredentials() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		genesys.failTokenRequests(1, TokenFault.response(400, "application/json",
				"{\"error\":\"invalid_request\",\"description\":\"Rate limit exceeded\","
						+ "\"error_description\":\"Rate limit exceeded\"}"));

		assertThat(outcome(tokens)).as("retried inside the flight, as a fault that heals").isEqualTo("token");
		assertThat(genesys.tokenRequests()).isEqualTo(2);

		genesys.failTokenRequests(1000, TokenFault.response(400, "application/json",
				"{\"error\":\"invalid_request\",\"error_description\":\"rate limit exceeded, try later\"}"));
		tokens.invalidate();
		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));

		assertThat(failure.getErrorCode()).isEqualTo("rate_limited");
		assertThat(failure).hasMessageNotContaining("client-secret");
		GenesysTokenState state = tokens.state();
		assertThat(Duration.between(state.lastFailureAt(), state.pausedUntil()))
			.as("the short pause of faults that heal, not the refusals' 5 s")
			.isLessThanOrEqualTo(Duration.ofMillis(10));
	}

	@Test
	void tokensTheApiRejectsPauseRenewalsLongerEachTimeUntilOneIsAccepted() {
		GenesysCloudStandIn genesys = standIn();
		GenesysAccessTokens tokens = tokens(genesys).build();
		List<Duration> pauses = new ArrayList<>();

		for (int round = 0; round < 3; round++) {
			OAuth2AccessToken held = tokens.accessToken().block(WAIT);
			assertThat(tokens.unauthorized(held)).as("the first 401 renews").isTrue();
			OAuth2AccessToken renewed = tokens.accessToken().block(WAIT);
			assertThat(tokens.unauthorized(renewed)).as("a 401 to the renewed token does not").isFalse();
			GenesysTokenState state = tokens.state();
			assertThat(state.lastFailure().getErrorCode()).isEqualTo("token_rejected");
			assertThat(state.lastFailure().getHttpStatus()).isEqualTo(401);
			assertThat(tokens.unauthorized(renewed)).as("nor any 401 while the pause lasts").isFalse();
			assertThat(tokens.accessToken().block(WAIT)).as("the rejected token stays in use").isSameAs(renewed);
			pauses.add(Duration.between(state.lastFailureAt(), state.pausedUntil()));
			this.clock.setInstant(state.pausedUntil());
		}

		assertThat(genesys.tokenRequests()).isEqualTo(4);
		assertThat(pauses.get(0)).isBetween(Duration.ofMillis(3750), Duration.ofSeconds(5));
		assertThat(pauses.get(1)).isBetween(Duration.ofMillis(7500), Duration.ofSeconds(10));
		assertThat(pauses.get(2)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(20));

		tokens.accepted(tokens.accessToken().block(WAIT));

		assertThat(tokens.state().lastFailure()).isNull();
		OAuth2AccessToken held = tokens.accessToken().block(WAIT);
		assertThat(tokens.unauthorized(held)).isTrue();
		assertThat(genesys.tokenRequests()).isEqualTo(4);
	}

	@Test
	void changedCredentialsEndAPauseAfterRejectedTokensAtTheNext401() {
		GenesysCloudStandIn genesys = standIn();
		AtomicReference<ClientRegistration> current = new AtomicReference<>(registration(genesys));
		GenesysAccessTokens tokens = tokens(genesys).registrationSource(current::get).build();
		OAuth2AccessToken first = tokens.accessToken().block(WAIT);
		tokens.unauthorized(first);
		OAuth2AccessToken rejected = tokens.accessToken().block(WAIT);
		assertThat(tokens.unauthorized(rejected)).isFalse();
		assertThat(tokens.state().lastFailure().getErrorCode()).isEqualTo("token_rejected");

		// the operator replaces the deleted OAuth client: new credentials, rebound while the pause lasts
		genesys.setClientSecret("secret-of-the-new-client");
		current.set(withSecret(genesys, "secret-of-the-new-client"));

		assertThat(tokens.unauthorized(rejected)).as("the next 401 tries the new credentials at once").isTrue();
		assertThat(tokens.accessToken().block(WAIT)).isNotSameAs(rejected);
		assertThat(genesys.tokenRequests()).isEqualTo(3);
	}

	@Test
	void aRegistrationSourceThatFailsFailsItsCallersAndLetsLaterOnesTryAgain() {
		GenesysCloudStandIn genesys = standIn();
		AtomicReference<RuntimeException> vaultDown = new AtomicReference<>(new IllegalStateException("vault sealed"));
		GenesysAccessTokens tokens = tokens(genesys).registrationSource(() -> {
			RuntimeException failure = vaultDown.getAndSet(null);
			if (failure != null) {
				throw failure;
			}
			return registration(genesys);
		}).build();

		assertThat(catchThrowableOfType(IllegalStateException.class, () -> tokens.accessToken().block(WAIT)))
			.hasMessage("vault sealed");
		assertThat(tokens.accessToken().block(Duration.ofSeconds(5))).isNotNull();
		assertThat(genesys.tokenRequests()).isEqualTo(1);
	}

	@Test
	void aColdStartsCallersWaitAtMostTheDocumentedDeadline() {
		GenesysCloudStandIn genesys = standIn();
		genesys.setTokenResponseDelay(Duration.ofSeconds(5));
		GenesysAccessTokens tokens = tokens(genesys).tokenRequestTimeout(Duration.ofMillis(200))
			.maxAttempts(3)
			.maxBackoff(Duration.ofMillis(100))
			.build();
		// maxAttempts * tokenRequestTimeout + (maxAttempts - 1) * maxBackoff
		Duration deadline = Duration.ofMillis(3 * 200 + 2 * 100);

		long start = System.nanoTime();
		GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
				() -> tokens.accessToken().block(WAIT));
		Duration waited = Duration.ofNanos(System.nanoTime() - start);

		assertThat(failure.getErrorCode()).isEqualTo("timeout");
		assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(600)).isLessThan(deadline.plusMillis(500));
	}

	private String outcome(GenesysAccessTokens tokens) {
		try {
			tokens.accessToken().block(WAIT);
			return "token";
		}
		catch (GenesysAuthenticationException ex) {
			return ex.getErrorCode();
		}
	}

	private GenesysCloudStandIn standIn() {
		return standIn(GenesysCloudStandIn.builder());
	}

	private GenesysCloudStandIn standIn(GenesysCloudStandInBuilder builder) {
		GenesysCloudStandIn genesys = builder.clock(this.clock).start();
		this.standIns.add(genesys);
		return genesys;
	}

	private GenesysAccessTokensBuilder tokens(GenesysCloudStandIn genesys) {
		return this.transport.applyTo(GenesysAccessTokens.builder(registration(genesys)))
			.clock(this.clock)
			.initialBackoff(Duration.ofMillis(5))
			.maxBackoff(Duration.ofMillis(10));
	}

	private static ClientRegistration withSecret(GenesysCloudStandIn genesys, String secret) {
		return ClientRegistration.withClientRegistration(registration(genesys)).clientSecret(secret).build();
	}

}
