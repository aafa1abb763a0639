package io.github.genesysoauth.token;

import java.time.Clock;

import io.github.genesysoauth.token.TokenFlights.Transition;
import io.github.genesysoauth.token.TokenPauses.Failure;
import io.github.genesysoauth.token.TokenState.Held;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What the Platform API's answers say about a token: a 401 makes the token forgotten so that the next caller gets a
 * new one, unless the token was itself obtained after a 401 and never accepted (Genesys issues tokens of no use for
 * a disabled OAuth client or an API host of another region), which is remembered as a {@code token_rejected}
 * failure with the pause of {@link TokenPauses}; any other answer to a token ends that pause.
 */
final class RejectedTokens {

	// the token source's own logger: what users switch on to see its work
	private static final Log logger = LogFactory.getLog(GenesysAccessTokens.class);

	private final TokenFlights flights;

	private final TokenRequester requester;

	private final TokenPauses pauses;

	private final Clock clock;

	RejectedTokens(TokenFlights flights, TokenRequester requester, TokenPauses pauses, Clock clock) {
		this.flights = flights;
		this.requester = requester;
		this.pauses = pauses;
		this.clock = clock;
	}

	/** See {@link GenesysAccessTokens#unauthorized}. */
	boolean unauthorized(OAuth2AccessToken rejected) {
		TokenState current = this.flights.current();
		Failure failure = this.flights.pausing(current, this.clock.instant());
		if (failure != null && failure.rejectedToken() != null) {
			return false;
		}
		Held held = current.held();
		boolean pauseServed = current.failure() != null && current.failure().rejectedToken() == rejected;
		if (held != null && held.token() == rejected && held.afterUnauthorized() && !pauseServed) {
			rememberRejection(rejected);
			return false;
		}
		// a new token, after a pause served or a change of credentials, is worth one more try
		forget(rejected, true);
		return true;
	}

	/** See {@link GenesysAccessTokens#accepted}: only reads, unless there is something to clear. */
	void accepted(OAuth2AccessToken token) {
		Transition moved = this.flights.move((current) -> {
			boolean clearsFlag = current.holds(token) && current.held().afterUnauthorized();
			Failure rejection = current.rejection();
			boolean endsRejection = rejection != null && (current.holds(token) || token == rejection.rejectedToken());
			if (!clearsFlag && !endsRejection) {
				return current;
			}
			return current.withHeld(clearsFlag ? current.held().accepted() : current.held())
				.withFailure(endsRejection ? null : current.failure());
		});
		if (moved != null && moved.from().rejection() != null && moved.to().failure() == null) {
			logger.info("The Platform API accepts the tokens of OAuth client '"
					+ this.requester.client().registration.getClientId() + "' again; token requests no longer pause.");
		}
	}

	/** Forgets the held token if it is the given one; {@code afterUnauthorized}: the next token to land carries it. */
	boolean forget(OAuth2AccessToken rejected, boolean afterUnauthorized) {
		return this.flights.move((current) -> {
			if (!current.holds(rejected)) {
				return current;
			}
			TokenState next = current.withHeld(null);
			return afterUnauthorized ? next.withNextAfterUnauthorized(true) : next;
		}) != null;
	}

	private void rememberRejection(OAuth2AccessToken rejected) {
		Transition moved = this.flights.move((current) -> {
			Failure previous = current.failure();
			if (current.closed() || (previous != null && previous.rejectedToken() == rejected)) {
				return current;
			}
			return current.withFailure(this.pauses.afterRejection(this.requester.client().failures.rejected(),
					previous, this.clock.instant(), this.requester.client().registration, rejected));
		});
		if (moved != null) {
			Failure remembered = moved.to().failure();
			logger.warn(remembered.exception().getMessage() + remembered.pauseNote());
		}
	}

}
