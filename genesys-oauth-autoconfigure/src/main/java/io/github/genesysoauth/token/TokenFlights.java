package io.github.genesysoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import io.github.genesysoauth.token.TokenPauses.Failure;
import io.github.genesysoauth.token.TokenRequester.Client;
import io.github.genesysoauth.token.TokenState.Held;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The single flight: the one {@link TokenState} of a token source in one reference, and the compare-and-set
 * transitions that move it when callers need a token, a token request ends, or the source closes. Every
 * transition reads one state and replaces it as a whole, or reads again.
 */
final class TokenFlights {

	private static final Log logger = LogFactory.getLog(GenesysAccessTokens.class);

	private final AtomicReference<TokenState> state = new AtomicReference<>(TokenState.EMPTY);

	private final TokenRequester requester;

	private final TokenPauses pauses;

	private final RenewalPolicy renewal;

	private final Clock clock;

	private final Consumer<OAuth2AccessToken> issued;

	/**
	 * @param issued told of each token obtained, before any caller is given it (the rate limit starts its budget)
	 */
	TokenFlights(TokenRequester requester, TokenPauses pauses, RenewalPolicy renewal, Clock clock,
			Consumer<OAuth2AccessToken> issued) {
		this.requester = requester;
		this.pauses = pauses;
		this.renewal = renewal;
		this.clock = clock;
		this.issued = issued;
	}

	TokenState current() {
		return this.state.get();
	}

	/**
	 * Applies {@code change} to the state it reads until it replaces that very state; a change that returns the state
	 * it was given changes nothing. {@code change} may run more than once, so it only describes.
	 * @return what was replaced and by what, or {@code null} when nothing changed
	 */
	@Nullable Transition move(UnaryOperator<TokenState> change) {
		for (;;) {
			TokenState current = this.state.get();
			TokenState next = change.apply(current);
			if (next == current) {
				return null;
			}
			if (this.state.compareAndSet(current, next)) {
				return new Transition(current, next);
			}
		}
	}

	/** The fresh token at once, else the one decision of {@link #joinOrStart}. */
	Mono<OAuth2AccessToken> token(ContextView context) {
		TokenState current = this.state.get();
		Held held = current.held();
		if (held != null && held.isFreshAt(this.clock.millis())) {
			return held.mono();
		}
		if (current.closed()) {
			return Mono.error(this.requester.client().failures::closed);
		}
		return joinOrStart(context);
	}

	/**
	 * The one decision of a caller whose token is not fresh, made on one state: a valid token due for renewal is
	 * given at once and the renewal started in the background unless a flight or a pause is under way; without a
	 * valid token, the caller joins the flight in progress, gets the remembered failure while a pause lasts, or
	 * starts a flight and waits for it.
	 */
	private Mono<OAuth2AccessToken> joinOrStart(ContextView context) {
		for (;;) {
			TokenState current = this.state.get();
			if (current.closed()) {
				return Mono.error(this.requester.client().failures::closed);
			}
			Instant now = this.clock.instant();
			Held held = current.held();
			Held valid = (held != null && held.isValidAt(now)) ? held : null;
			if (valid != null && valid.isFreshAt(now.toEpochMilli())) {
				return valid.mono();
			}
			if (current.flight() != null) {
				return (valid != null) ? valid.mono() : current.flight().result();
			}
			Failure failure = pausing(current, now);
			if (failure != null) {
				return (valid != null) ? valid.mono() : failure.again();
			}
			TokenFlight mine = new TokenFlight();
			if (this.state.compareAndSet(current, current.withFlight(mine))) {
				// a renewal makes one attempt, so that the pause after a failure paces the next; without a token to
				// fall back on, faults that may heal are retried within the flight
				start(mine, context, valid == null);
				return (valid != null) ? valid.mono() : mine.result();
			}
		}
	}

	/** The remembered failure, if token requests still pause after it. */
	@Nullable Failure pausing(TokenState current, Instant now) {
		Failure failure = current.failure();
		return (TokenPauses.pauses(failure, now) && !this.requester.credentialsChanged(failure)) ? failure : null;
	}

	private void start(TokenFlight mine, ContextView context, boolean retry) {
		try {
			mine.running(this.requester.send(context, retry, this::isClosed,
					(token, askedAt) -> land(mine, token, askedAt),
					(client, failure) -> fail(mine, client, failure)));
			if (isClosed()) {
				// closed while this flight was starting: close() may have missed its subscription
				mine.cancel(this.requester.client().failures.closed());
			}
		}
		catch (RuntimeException ex) {
			// e.g. a registration source that failed: the flight must end, or its callers and all after them wait
			endFlight(mine, null);
			mine.fail(ex);
		}
	}

	private void land(TokenFlight mine, OAuth2AccessToken token, Instant askedAt) {
		Instant now = this.clock.instant();
		Held[] landed = new Held[1];
		// a rejection is not undone by a new token, only by the API accepting one
		boolean ended = endFlight(mine, (next) -> {
			landed[0] = this.renewal.held(token, askedAt, next.nextAfterUnauthorized());
			return next.withHeld(landed[0]).withNextAfterUnauthorized(false).withFailure(next.rejection());
		});
		if (!ended) {
			// closed while this token was on its way: it serves no one
			mine.fail(this.requester.client().failures.closed());
			return;
		}
		// before any caller waiting for the flight is given the token: their requests count in its budget
		this.issued.accept(token);
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Genesys Cloud access token for OAuth client '"
					+ this.requester.client().registration.getClientId() + "', valid for "
					+ Duration.between(now, landed[0].expiresAt()) + ", to be renewed at " + landed[0].renewAt());
		}
		mine.succeed(token);
	}

	private void fail(TokenFlight mine, Client failedClient, Throwable cause) {
		GenesysAuthenticationException exception = failedClient.failures.translate(cause);
		Instant now = this.clock.instant();
		Failure[] remembered = new Failure[1];
		boolean ended = endFlight(mine, (next) -> {
			remembered[0] = this.pauses.afterFailedRequest(exception, next.failure(), now, failedClient.registration);
			return next.withFailure(remembered[0]);
		});
		if (ended && remembered[0].exception() == exception) {
			logger.warn(exception.getMessage() + remembered[0].pauseNote());
		}
		mine.fail(ended ? exception : failedClient.failures.closed());
	}

	/** Ends the flight if it is still this state's, with what it changes; false when closed or ended elsewhere. */
	private boolean endFlight(TokenFlight mine, @Nullable UnaryOperator<TokenState> change) {
		return move((current) -> {
			if (current.flight() != mine) {
				return current;
			}
			TokenState next = current.withFlight(null);
			return (change != null) ? change.apply(next) : next;
		}) != null;
	}

	boolean isClosed() {
		return this.state.get().closed();
	}

	/** Closes for good; the flight in progress, if any, is cancelled and its callers fail. */
	void close() {
		TokenState before = this.state.getAndSet(TokenState.CLOSED);
		if (before.flight() != null) {
			before.flight().cancel(this.requester.client().failures.closed());
		}
	}

	/**
	 * A transition that took place.
	 * @param from the state replaced
	 * @param to the state that replaced it
	 */
	record Transition(TokenState from, TokenState to) {
	}

}
