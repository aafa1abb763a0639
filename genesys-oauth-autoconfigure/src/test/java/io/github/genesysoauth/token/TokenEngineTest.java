package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.genesysoauth.actuate.GenesysHealthIndicator;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The token engine moved by hand, one step at a time (issue 18): a token endpoint that answers when the test says so,
 * a clock the test moves, and interleavings forced in the order that once lost an update. Nothing here waits on
 * time: every token request is answered, or failed, by the test itself.
 */
class TokenEngineTest {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

	private final ScriptedTokenEndpoint endpoint = new ScriptedTokenEndpoint();

	private final GenesysAccessTokens tokens = GenesysAccessTokens.builder(registration())
		.tokenResponseClient(this.endpoint)
		.clock(this.clock)
		.maxAttempts(1)
		.refreshBeforeExpiry(Duration.ofSeconds(60))
		.build();

	@Test
	void aCallerWithAValidTokenNeverWaitsForItsRenewalAndOnlyCallersWithoutOneWait() {
		OAuth2AccessToken first = obtain(100);
		this.clock.add(Duration.ofSeconds(55));

		List<CompletableFuture<OAuth2AccessToken>> duringRenewal = new ArrayList<>();
		for (int caller = 0; caller < 16; caller++) {
			duringRenewal.add(this.tokens.accessToken().toFuture());
		}

		assertThat(duringRenewal).allSatisfy((call) -> assertThat(call).isCompletedWithValue(first));
		assertThat(this.endpoint.requests()).as("one renewal, in the background").isEqualTo(2);
		this.endpoint.answer(1, "second", 100);
		OAuth2AccessToken second = this.tokens.accessToken().block(WAIT);
		assertThat(second.getTokenValue()).isEqualTo("second");

		this.clock.add(Duration.ofSeconds(101));
		CompletableFuture<OAuth2AccessToken> withoutValidToken = this.tokens.accessToken().toFuture();
		assertThat(withoutValidToken).as("an expired token: the caller waits").isNotDone();
		this.endpoint.answer(2, "third", 100);
		assertThat(withoutValidToken.join().getTokenValue()).isEqualTo("third");
		assertThat(this.endpoint.requests()).isEqualTo(3);
	}

	@Test
	void aFailedRenewalKeepsTheTokenIsReportedAndIsRetriedWithBackoffBeforeExpiry() {
		OAuth2AccessToken first = obtain(100);
		this.clock.add(Duration.ofSeconds(55));
		assertThat(this.tokens.accessToken().block(WAIT)).isSameAs(first);

		this.endpoint.fail(1, new TimeoutException("slow login"));

		GenesysTokenState state = this.tokens.state();
		assertThat(state.lastFailure().getErrorCode()).isEqualTo("timeout");
		assertThat(state.expiresIn(this.clock.instant())).as("the token still works").isEqualTo(Duration.ofSeconds(45));
		assertThat(this.tokens.accessToken().block(WAIT)).isSameAs(first);
		assertThat(this.endpoint.requests()).as("the pause after the failure").isEqualTo(2);
		Health health = new GenesysHealthIndicator(this.tokens, "mypurecloud.com", Duration.ZERO, null, this.clock)
			.health()
			.block(WAIT);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("expiresIn", 45L)
			.containsEntry("renewalError", "timeout")
			.containsEntry("renewalRetryAt", state.pausedUntil().toString());

		this.clock.add(Duration.ofSeconds(1));
		assertThat(this.tokens.accessToken().block(WAIT)).isSameAs(first);
		assertThat(this.endpoint.requests()).as("retried once the backoff has passed").isEqualTo(3);
		this.endpoint.answer(2, "second", 100);
		assertThat(this.tokens.accessToken().block(WAIT).getTokenValue()).isEqualTo("second");
		assertThat(this.tokens.state().lastFailure()).isNull();
	}

	@Test
	void aTokenRejectedPauseOutlastsARenewalThatFailsMeanwhile() {
		// the interleaving that once lost an update: the API rejects a token while its renewal is in flight, and the
		// renewal then times out; the timeout's short pause replaced the rejection's long one
		OAuth2AccessToken first = obtain(100);
		assertThat(this.tokens.unauthorized(first)).isTrue();
		this.tokens.accessToken().toFuture();
		this.endpoint.answer(1, "issued-after-401", 100);
		OAuth2AccessToken afterUnauthorized = this.tokens.accessToken().block(WAIT);
		this.clock.add(Duration.ofSeconds(55));
		CompletableFuture<OAuth2AccessToken> atRenewal = this.tokens.accessToken().toFuture();
		assertThat(this.endpoint.requests()).isEqualTo(3);

		assertThat(this.tokens.unauthorized(afterUnauthorized)).isFalse();
		Instant rejectionPauseEnds = this.tokens.state().pausedUntil();
		this.endpoint.fail(2, new TimeoutException("slow login"));

		assertThat(this.tokens.state().lastFailure().getErrorCode()).isEqualTo("token_rejected");
		assertThat(this.tokens.state().pausedUntil()).isEqualTo(rejectionPauseEnds);
		this.clock.add(Duration.ofSeconds(2));
		assertThat(this.tokens.accessToken().block(WAIT)).isSameAs(afterUnauthorized);
		assertThat(this.tokens.unauthorized(afterUnauthorized)).isFalse();
		assertThat(this.endpoint.requests()).as("no token request while the rejection pauses them").isEqualTo(3);
		assertThat(atRenewal).isCompletedWithValue(afterUnauthorized);

		this.clock.setInstant(rejectionPauseEnds);
		this.tokens.accessToken().block(WAIT);
		assertThat(this.endpoint.requests()).as("the pause over, the renewal is tried again").isEqualTo(4);
	}

	@Test
	void aThousandCallsAgainstAnApiThatAlwaysAnswers401CostFourTokenRequests() {
		this.endpoint.answerAtOnce(86_400);
		int unauthorized = 0;
		for (int call = 0; call < 1_000; call++) {
			OAuth2AccessToken token = this.tokens.accessToken().block(WAIT);
			unauthorized++;
			if (this.tokens.unauthorized(token)) {
				unauthorized++;
				this.tokens.unauthorized(this.tokens.accessToken().block(WAIT));
			}
			this.clock.add(Duration.ofMillis(20));
		}

		// 20 s of calls: two tokens, then one after each pause (3.75-5 s, then 7.5-10 s; the third, 15-20 s, outlasts
		// the run), however the jitter falls
		assertThat(this.endpoint.requests()).isEqualTo(4);
		assertThat(unauthorized).isEqualTo(1_003);
		assertThat(this.tokens.state().lastFailure().getErrorCode()).isEqualTo("token_rejected");
	}

	@Test
	void closingDuringARenewalLeavesNoCallerTheOldTokenAfterwards() {
		OAuth2AccessToken first = obtain(100);
		this.clock.add(Duration.ofSeconds(55));
		List<CompletableFuture<OAuth2AccessToken>> duringRenewal = new ArrayList<>();
		for (int caller = 0; caller < 8; caller++) {
			duringRenewal.add(this.tokens.accessToken().toFuture());
		}
		List<Boolean> doneBeforeClose = duringRenewal.stream().map(CompletableFuture::isDone).toList();

		this.tokens.close();
		this.endpoint.answer(1, "second", 100);

		for (int caller = 0; caller < 8; caller++) {
			CompletableFuture<OAuth2AccessToken> call = duringRenewal.get(caller);
			if (!doneBeforeClose.get(caller)) {
				assertThat(catchThrowableOfType(GenesysAuthenticationException.class,
						() -> Mono.fromFuture(call).block(WAIT))
					.getErrorCode()).as("a caller answered after close()").isEqualTo("closed");
			}
			else {
				assertThat(call).isCompletedWithValue(first);
			}
		}
		assertThat(this.tokens.freshToken()).isNull();
		assertThat(catchThrowableOfType(GenesysAuthenticationException.class,
				() -> this.tokens.accessToken().block(WAIT))
			.getErrorCode()).isEqualTo("closed");
		assertThat(this.tokens.state().expiresAt()).isNull();
	}

	@Test
	void closingWhileCallersWaitForATokenFailsThemAll() {
		CompletableFuture<OAuth2AccessToken> waiting = this.tokens.accessToken().toFuture();

		this.tokens.close();
		this.endpoint.answer(0, "too-late", 100);

		assertThat(catchThrowableOfType(GenesysAuthenticationException.class, () -> Mono.fromFuture(waiting).block(WAIT))
			.getErrorCode()).isEqualTo("closed");
		assertThat(this.tokens.freshToken()).isNull();
	}

	@Test
	void aTokenLivesFromWhenItWasAskedForNotFromWhenTheSlowAnswerArrived() {
		// Genesys counts expires_in from when it issued the token, which is before its answer arrives here: a slow
		// answer must not make the token seem to live longer than Genesys lets it
		Instant asked = this.clock.instant();
		CompletableFuture<OAuth2AccessToken> token = this.tokens.accessToken().toFuture();
		this.clock.add(Duration.ofSeconds(7));
		this.endpoint.answer(0, "slow", 100);
		token.join();

		assertThat(this.tokens.state().expiresAt()).isEqualTo(asked.plusSeconds(100));
		assertThat(this.tokens.state().renewAt()).isEqualTo(asked.plusSeconds(50));
	}

	private OAuth2AccessToken obtain(long lifetimeSeconds) {
		int request = this.endpoint.requests();
		CompletableFuture<OAuth2AccessToken> token = this.tokens.accessToken().toFuture();
		this.endpoint.answer(request, "token-" + request, lifetimeSeconds);
		return token.join();
	}

	private static ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("genesys")
			.clientId("engine-client")
			.clientSecret("engine-secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("http://127.0.0.1:9/oauth/token")
			.build();
	}

	/** A token endpoint that answers each request when the test says so, or at once when told to. */
	static final class ScriptedTokenEndpoint
			implements ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

		private final List<Sinks.One<OAuth2AccessTokenResponse>> requests = new CopyOnWriteArrayList<>();

		private final AtomicInteger issued = new AtomicInteger();

		private volatile long answerAtOnce;

		@Override
		public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
			Sinks.One<OAuth2AccessTokenResponse> answer = Sinks.one();
			this.requests.add(answer);
			if (this.answerAtOnce > 0) {
				answer.tryEmitValue(response("auto-" + this.issued.incrementAndGet(), this.answerAtOnce));
			}
			return answer.asMono();
		}

		int requests() {
			return this.requests.size();
		}

		void answer(int request, String token, long lifetimeSeconds) {
			this.requests.get(request).tryEmitValue(response(token, lifetimeSeconds));
		}

		void fail(int request, Throwable failure) {
			this.requests.get(request).tryEmitError(failure);
		}

		void answerAtOnce(long lifetimeSeconds) {
			this.answerAtOnce = lifetimeSeconds;
		}

		private static OAuth2AccessTokenResponse response(String token, long lifetimeSeconds) {
			return OAuth2AccessTokenResponse.withToken(token)
				.tokenType(OAuth2AccessToken.TokenType.BEARER)
				.expiresIn(lifetimeSeconds)
				.build();
		}

	}

}
