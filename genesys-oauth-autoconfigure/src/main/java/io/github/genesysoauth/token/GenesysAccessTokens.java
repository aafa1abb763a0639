package io.github.genesysoauth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.github.genesysoauth.token.TokenPauses.Failure;
import io.github.genesysoauth.token.TokenState.Held;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Genesys Cloud access tokens for one OAuth client, obtained with the client-credentials grant through Spring
 * Security's client-credentials provider and cached until shortly before they
 * expire.
 *
 * <p>A single flight: however many callers need a token at once, on a cold start or at renewal, they share one
 * token request and all receive its result. A token is renewed {@code refreshBeforeExpiry} ahead of its expiry, or
 * at half its lifetime when it lives less than twice that; the callers that waited for a token always receive it,
 * however short its lifetime, so a token request never serves nobody. A renewal that fails leaves the cached token
 * in use until it expires, so an outage of the login service shorter than the renewal margin goes unnoticed.
 *
 * <p>Failures are handled by kind, so that the login service sees a bounded number of requests however many
 * callers there are:
 * <ul>
 * <li>faults that may heal (5xx, 429, timeouts, connection failures) are retried inside the single flight with
 * exponential backoff, up to {@code maxAttempts} requests; when the flight fails, all its callers share the failure
 * and it is remembered for the next backoff step (at most {@code maxBackoff}): callers arriving meanwhile fail at
 * once, the first one after it starts a new flight, so callers recover as soon as the login service does;</li>
 * <li>answers that will not heal by themselves ({@code invalid_client} or any other 400/401, a malformed token
 * response) are never retried: they are remembered for a pause that starts at five seconds and doubles with each
 * one in a row, up to {@code maxRefusalBackoff}. Credentials that change meanwhile (see
 * {@link GenesysAccessTokensBuilder#registrationSource}) are tried at once;</li>
 * <li>a token that the Platform API rejects right after it was issued (see {@link #unauthorized}) is a failure of
 * this token source too, with the same growing pause: the login service issues tokens that are of no use (a
 * disabled OAuth client, an API host of another region), and asking it again would not help. The rejected token
 * stays in use meanwhile, so callers get the API's own 401; the first answer other than 401 to any token ends the
 * pause.</li>
 * </ul>
 *
 * <p>How long a caller waits: a token request gets {@code tokenRequestTimeout}; without a token to fall back on, a
 * flight makes up to {@code maxAttempts} of them with backoffs of at most {@code maxBackoff} in between, so a cold
 * start's callers wait at most {@code maxAttempts * tokenRequestTimeout + (maxAttempts - 1) * maxBackoff} (32 s
 * with the defaults) before they fail; callers that find a failure remembered fail at once.
 *
 * <p>{@link #close() Closing} it (the application context does) stops all its work: the flight in progress and
 * its backoff are cancelled, waiting callers fail, and no token request starts afterwards.
 *
 * <p>Instances hold no static state: an application may keep one per Genesys organization.
 */
public final class GenesysAccessTokens implements AutoCloseable {

	/** Name of the default org, the one of the top-level properties. */
	public static final String DEFAULT_ORG = "default";

	// The work is split by job: the state and its transitions (TokenFlights), what API answers say of a token
	// (RejectedTokens), when a token is renewed (RenewalPolicy), pauses after failures (TokenPauses), and how
	// requests travel (TokenRequester). This class is what callers see of them.
	private final Clock clock;

	private final TokenRequester requester;

	private final TokenFlights flights;

	private final RejectedTokens rejections;

	private final GenesysRateLimit rateLimit;

	private final Sinks.Empty<Void> closing = Sinks.empty();

	GenesysAccessTokens(GenesysAccessTokensBuilder builder) {
		this.clock = builder.clock;
		this.requester = new TokenRequester(builder);
		TokenPauses pauses = new TokenPauses(builder.initialBackoff, builder.maxBackoff, builder.maxRefusalBackoff);
		this.rateLimit = new GenesysRateLimit(builder.rateLimit, this.clock, builder.orgName, builder.settingNames);
		this.flights = new TokenFlights(this.requester, pauses, new RenewalPolicy(builder.refreshBeforeExpiry),
				this.clock, this.rateLimit::issued);
		this.rejections = new RejectedTokens(this.flights, this.requester, pauses, this.clock);
	}

	/**
	 * Starts describing the tokens of one OAuth client.
	 * @param registration a {@code client_credentials} registration
	 * @return a builder
	 */
	public static GenesysAccessTokensBuilder builder(ClientRegistration registration) {
		return new GenesysAccessTokensBuilder(registration);
	}

	/**
	 * A valid access token: the cached one while it is valid, otherwise the result of the token request in flight,
	 * started by this call if none is. A cached token that is due for renewal is still given at once: the renewal runs
	 * in the background, and only callers without a valid token wait for a token request.
	 * @return the token, or a {@link GenesysAuthenticationException} when none could be obtained
	 */
	public Mono<OAuth2AccessToken> accessToken() {
		return Mono.deferContextual(this.flights::token);
	}

	/**
	 * The cached token if it is fresh, without waiting: what {@link #accessToken()} would give at once. For a caller
	 * on a hot path that can skip the {@code Mono}; {@code null} when the token is due for renewal or none is held.
	 * @return the fresh token, or {@code null}
	 */
	public @Nullable OAuth2AccessToken freshToken() {
		Held held = this.flights.current().held();
		return (held != null && held.isFreshAt(this.clock.millis())) ? held.token() : null;
	}

	/** Forgets the cached token, so that the next caller obtains a new one. */
	public void invalidate() {
		this.flights.move((current) -> (current.held() != null) ? current.withHeld(null) : current);
	}

	/**
	 * Forgets the cached token if it is still the given one: of many callers that saw the same token rejected, only
	 * the first causes a new token request.
	 * @param rejected the token that was rejected
	 * @return whether it was the cached token and has been forgotten
	 */
	public boolean invalidate(OAuth2AccessToken rejected) {
		return this.rejections.forget(rejected, false);
	}

	/**
	 * The Platform API answered 401 to this token: decides whether a request is worth sending again with a renewed
	 * token. It is, normally: the token is forgotten (once, however many requests saw it rejected) and the next one
	 * requested. It is not when this token was itself obtained because an earlier token got a 401 and no answer has
	 * accepted it since: Genesys issues tokens that are of no use (a disabled or deleted OAuth client, an API host of
	 * another region). That is remembered as a {@code token_rejected} failure, with the pause that refusals of the
	 * credentials have, and the token stays in use until the pause ends, so callers get the API's own 401 without a
	 * token request. Nor is it while that pause lasts, unless the credentials have changed meanwhile.
	 * @param rejected the token the API answered 401 to
	 * @return whether to obtain a token through {@link #accessToken()} and send the request again
	 */
	public boolean unauthorized(OAuth2AccessToken rejected) {
		return this.rejections.unauthorized(rejected);
	}

	/**
	 * The Platform API answered something other than 401 (or 5xx, which may come from before authentication) to a
	 * token: it is a token Genesys honours, and a pause after rejected tokens ends. Cheap enough for every response:
	 * it only reads, unless there is something to clear.
	 * @param token the token the API accepted
	 */
	public void accepted(OAuth2AccessToken token) {
		this.rejections.accepted(token);
	}

	/** {@return what is known now about the cached token and the last token request, without the token itself} */
	public GenesysTokenState state() {
		TokenState current = this.flights.current();
		Held held = current.held();
		Failure failure = current.failure();
		return new GenesysTokenState((held != null) ? held.expiresAt() : null, (held != null) ? held.renewAt() : null,
				(failure != null) ? failure.exception() : null, (failure != null) ? failure.at() : null,
				(failure != null) ? failure.retryAt() : null);
	}

	/**
	 * The name of the Genesys org these tokens are for: {@code default}, or a named org's; the {@code org} tag of
	 * its meters.
	 * @return the org's name
	 */
	public String orgName() {
		return this.requester.orgName();
	}

	/**
	 * The registration of the latest token request, or the first one before any.
	 * @return the registration
	 */
	public ClientRegistration clientRegistration() {
		return this.requester.client().registration;
	}

	/**
	 * The Platform API budget of the current token, which the clients of this token source keep to: Genesys's limit of
	 * requests per minute is per token.
	 * @return the budget
	 */
	public GenesysRateLimit rateLimit() {
		return this.rateLimit;
	}

	/**
	 * Time left on the cached token, by this instance's clock.
	 * @return what is left, {@link Duration#ZERO} when no token is held or it has expired
	 */
	public Duration expiresIn() {
		return state().expiresIn(this.clock.instant());
	}

	/** {@return the token endpoint asked} */
	public URI tokenUri() {
		return this.requester.client().tokenUri;
	}

	/** {@return longest wait for one answer of the token endpoint} */
	public Duration tokenRequestTimeout() {
		return this.requester.timeout();
	}

	/**
	 * Whether {@link #close()} was called: a client about to send a request with a token it obtained before checks
	 * this last, so that no request leaves after {@code close()} returned.
	 * @return whether closed
	 */
	public boolean isClosed() {
		return this.flights.isClosed();
	}

	/**
	 * Completes when this token source is closed: for work elsewhere that waits on its behalf, such as a retry's
	 * backoff, to stop waiting.
	 * @return a {@code Mono} that completes empty on {@link #close()}
	 */
	public Mono<Void> whenClosed() {
		return this.closing.asMono();
	}

	/**
	 * Stops all work: the token request or backoff in progress is cancelled, its callers fail, and every later
	 * caller fails at once with error {@code closed}; no token request starts after this returns, and no caller gets
	 * the cached token afterwards, not even from {@link #freshToken()}. Never blocks.
	 */
	@Override
	public void close() {
		this.flights.close();
		this.closing.tryEmitEmpty();
	}

	@Override
	public String toString() {
		return "GenesysAccessTokens[clientId=" + this.requester.client().registration.getClientId() + ", tokenUri="
				+ this.requester.client().tokenUri + "]";
	}

}
