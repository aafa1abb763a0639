package io.github.genesysoauth.token;

import java.time.Instant;

import io.github.genesysoauth.token.TokenPauses.Failure;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * All that changes in a token source, at one moment: never modified, replaced as a whole by the compare-and-set
 * transitions of {@link TokenFlights}, so that no decision is made on a mix of two moments. The methods below only
 * describe the next state; which transition applies them, and when, is decided there and in {@link RejectedTokens}.
 * @param held the cached token, or {@code null}
 * @param flight the token request in progress, or {@code null}
 * @param failure the last failure and its pause, or {@code null}
 * @param nextAfterUnauthorized whether the next token to land follows a 401 to the one before it
 * @param closed whether the token source was closed: no token, no flight, for good
 */
record TokenState(@Nullable Held held, @Nullable TokenFlight flight, @Nullable Failure failure,
		boolean nextAfterUnauthorized, boolean closed) {

	static final TokenState EMPTY = new TokenState(null, null, null, false, false);

	static final TokenState CLOSED = new TokenState(null, null, null, false, true);

	TokenState withHeld(@Nullable Held held) {
		return new TokenState(held, this.flight, this.failure, this.nextAfterUnauthorized, this.closed);
	}

	TokenState withFlight(@Nullable TokenFlight flight) {
		return new TokenState(this.held, flight, this.failure, this.nextAfterUnauthorized, this.closed);
	}

	TokenState withFailure(@Nullable Failure failure) {
		return new TokenState(this.held, this.flight, failure, this.nextAfterUnauthorized, this.closed);
	}

	TokenState withNextAfterUnauthorized(boolean nextAfterUnauthorized) {
		return new TokenState(this.held, this.flight, this.failure, nextAfterUnauthorized, this.closed);
	}

	/** Whether the held token is this very one. */
	boolean holds(OAuth2AccessToken token) {
		return this.held != null && this.held.token() == token;
	}

	/** The failure, if it is a {@code token_rejected} one. */
	@Nullable Failure rejection() {
		return (this.failure != null && this.failure.rejectedToken() != null) ? this.failure : null;
	}

	/**
	 * The cached token and when it is renewed and expires; immutable.
	 * @param token the token
	 * @param expiresAt when it expires, by the token source's clock
	 * @param renewAt when it is due for renewal
	 * @param afterUnauthorized whether it was obtained because the token before it got a 401, and not accepted by
	 * the API since
	 * @param mono the token, as every caller that gets it at once receives it (allocated once)
	 */
	record Held(OAuth2AccessToken token, Instant expiresAt, Instant renewAt, boolean afterUnauthorized,
			Mono<OAuth2AccessToken> mono) {

		Held(OAuth2AccessToken token, Instant expiresAt, Instant renewAt, boolean afterUnauthorized) {
			this(token, expiresAt, renewAt, afterUnauthorized, Mono.just(token));
		}

		/** The same token, accepted by the API. */
		Held accepted() {
			return new Held(this.token, this.expiresAt, this.renewAt, false, this.mono);
		}

		// millis, not an Instant: this runs for every call and allocates nothing on the way to a fresh token
		boolean isFreshAt(long nowMillis) {
			return nowMillis < this.renewAt.toEpochMilli();
		}

		boolean isValidAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

	}

}
