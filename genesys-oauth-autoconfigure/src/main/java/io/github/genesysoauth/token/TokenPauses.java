package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * When token requests pause after a failure, read top to bottom; the one place that decides it.
 * <ol>
 * <li>A fault that may heal (5xx, 429, a timeout, a connection failure): a short pause, {@code initialBackoff}
 * doubled with each failure in a row, at most {@code maxBackoff}.</li>
 * <li>An answer that will not heal by itself ({@code invalid_client} or another 400/401, a malformed answer): a
 * long pause, five seconds doubled with each failure in a row, at most {@code maxRefusalBackoff}.</li>
 * <li>A token the Platform API rejects right after it was issued ({@code token_rejected}): the long pause too. It
 * ends early only when the API accepts a token again or the credentials change; a token that lands meanwhile does
 * not end it.</li>
 * <li>A pause in force is never shortened: a token request that fails while a {@code token_rejected} pause lasts
 * leaves that pause as it is, and any other failure pauses at least until the pause before it ends.</li>
 * <li>Changed credentials end any pause at once (decided by the token source, which knows the registration).</li>
 * </ol>
 */
final class TokenPauses {

	/** First pause after a refusal of the credentials, a malformed answer or a rejected token. */
	static final Duration FIRST_REFUSAL_PAUSE = Duration.ofSeconds(5);

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Duration maxRefusalBackoff;

	TokenPauses(Duration initialBackoff, Duration maxBackoff, Duration maxRefusalBackoff) {
		this.initialBackoff = initialBackoff;
		this.maxBackoff = maxBackoff;
		this.maxRefusalBackoff = maxRefusalBackoff;
	}

	/** Whether the failure still pauses token requests at {@code now}. */
	static boolean pauses(@Nullable Failure failure, Instant now) {
		return failure != null && now.isBefore(failure.retryAt());
	}

	/** The failure to remember after a token request failed. */
	Failure afterFailedRequest(GenesysAuthenticationException exception, @Nullable Failure previous, Instant now,
			ClientRegistration registration) {
		if (previous != null && previous.rejectedToken() != null && pauses(previous, now)) {
			return previous;
		}
		return next(exception, previous, now, registration, null, TokenRequestFailures.isTransient(exception));
	}

	/** The failure to remember after the Platform API rejected a token that was issued after a 401. */
	Failure afterRejection(GenesysAuthenticationException exception, @Nullable Failure previous, Instant now,
			ClientRegistration registration, OAuth2AccessToken rejected) {
		return next(exception, previous, now, registration, rejected, false);
	}

	private Failure next(GenesysAuthenticationException exception, @Nullable Failure previous, Instant now,
			ClientRegistration registration, @Nullable OAuth2AccessToken rejected, boolean mayHeal) {
		int failures = (previous != null) ? previous.failures() + 1 : 1;
		Duration pause = mayHeal ? Backoff.after(this.initialBackoff, this.maxBackoff, failures)
				: Backoff.after(min(FIRST_REFUSAL_PAUSE, this.maxRefusalBackoff), this.maxRefusalBackoff, failures);
		Instant retryAt = now.plus(pause);
		if (previous != null && previous.registration() == registration && previous.retryAt().isAfter(retryAt)) {
			retryAt = previous.retryAt();
		}
		return new Failure(exception, now, retryAt, failures, registration, rejected);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * A failure remembered, and the pause after it.
	 * @param exception what failed
	 * @param at when
	 * @param retryAt when token requests may start again
	 * @param failures failures in a row, this one included
	 * @param registration the registration that failed, so that changed credentials end the pause
	 * @param rejectedToken the token the API rejected, for a {@code token_rejected} failure; {@code null} for a
	 * failed token request
	 * @param again what a caller without a token gets while the pause lasts
	 */
	record Failure(GenesysAuthenticationException exception, Instant at, Instant retryAt, int failures,
			ClientRegistration registration, @Nullable OAuth2AccessToken rejectedToken, Mono<OAuth2AccessToken> again) {

		Failure(GenesysAuthenticationException exception, Instant at, Instant retryAt, int failures,
				ClientRegistration registration, @Nullable OAuth2AccessToken rejectedToken) {
			this(exception, at, retryAt, failures, registration, rejectedToken,
					Mono.error(() -> TokenRequestFailures.remembered(exception, retryAt, failures)));
		}

		/** The failure a caller gets while the pause lasts: the remembered one, with when it ends. */
		GenesysAuthenticationException remembered() {
			return TokenRequestFailures.remembered(this.exception, this.retryAt, this.failures);
		}

		String pauseNote() {
			return " No token request before " + this.retryAt + " (" + this.failures
					+ ((this.failures == 1) ? " failure)." : " failures in a row).");
		}

	}

}
