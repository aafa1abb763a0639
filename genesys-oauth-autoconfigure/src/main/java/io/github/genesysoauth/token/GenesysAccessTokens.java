package io.github.genesysoauth.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import io.github.genesysoauth.token.TokenPauses.Failure;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * Genesys Cloud access tokens for one OAuth client, obtained with the client-credentials grant through Spring
 * Security's {@link ClientCredentialsReactiveOAuth2AuthorizedClientProvider} and cached until shortly before they
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
 * {@link Builder#registrationSource}) are tried at once;</li>
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

	/** Name of the default org, the one of the top-level {@code genesys.oauth.*} properties. */
	public static final String DEFAULT_ORG = "default";

	private static final Log logger = LogFactory.getLog(GenesysAccessTokens.class);

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	// A compile-time constant, inlined: the context-propagation library it belongs with need not be present.
	private static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

	private final Supplier<ClientRegistration> registrationSource;

	private final Function<Clock, TokenAuthorizer> authorizers;

	private final Duration refreshBeforeExpiry;

	private final Duration tokenRequestTimeout;

	private final Clock clock;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Scheduler scheduler;

	private final ObservationRegistry observationRegistry;

	private final String orgName;

	private final @Nullable String propertyPrefix;

	private final @Nullable GenesysTokenObservationConvention observationConvention;

	private volatile Client client;

	private final TokenPauses pauses;

	// everything that changes: the token, the flight, the failure and its pause, closing; moved only by the
	// compare-and-set transitions below, so that no decision is made on a mix of two moments
	private final AtomicReference<TokenState> state = new AtomicReference<>(TokenState.EMPTY);

	private final Sinks.Empty<Void> closing = Sinks.empty();

	private GenesysAccessTokens(Builder builder) {
		this.registrationSource = (builder.registrationSource != null) ? builder.registrationSource
				: () -> builder.registration;
		this.authorizers = (builder.authorizers != null) ? builder.authorizers
				: defaultAuthorizers(builder.tokenRequestTimeout);
		this.refreshBeforeExpiry = builder.refreshBeforeExpiry;
		this.tokenRequestTimeout = builder.tokenRequestTimeout;
		this.clock = builder.clock;
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.pauses = new TokenPauses(builder.initialBackoff, builder.maxBackoff, builder.maxRefusalBackoff);
		this.scheduler = builder.scheduler;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.orgName = builder.orgName;
		this.propertyPrefix = builder.propertyPrefix;
		this.client = new Client(builder.registration, this.authorizers.apply(this.clock), this.tokenRequestTimeout,
				this.orgName, this.propertyPrefix);
	}

	// Only for a token source built by hand without a transport (the auto-configuration always gives one, with Boot's
	// HTTP client settings): WebClient where the application has it, else RestClient; either way, no Netty is needed.
	private static Function<Clock, TokenAuthorizer> defaultAuthorizers(Duration timeout) {
		if (ClassUtils.isPresent(WEB_CLIENT, GenesysAccessTokens.class.getClassLoader())) {
			return (clock) -> TokenAuthorizer.reactive(WebClientTokenResponseClients.create(), clock);
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).build());
		requestFactory.setReadTimeout(timeout);
		RestClientTokenResponseClient client = new RestClientTokenResponseClient(
				RestClient.builder().requestFactory(requestFactory).build());
		return (clock) -> TokenAuthorizer.blocking(client, clock);
	}

	/**
	 * Starts describing the tokens of one OAuth client.
	 * @param registration a {@code client_credentials} registration
	 * @return a builder
	 */
	public static Builder builder(ClientRegistration registration) {
		return new Builder(registration);
	}

	/**
	 * A valid access token: the cached one while it is valid, otherwise the result of the token request in flight,
	 * started by this call if none is. A cached token that is due for renewal is still given at once: the renewal runs
	 * in the background, and only callers without a valid token wait for a token request.
	 * @return the token, or a {@link GenesysAuthenticationException} when none could be obtained
	 */
	public Mono<OAuth2AccessToken> accessToken() {
		return Mono.deferContextual(this::currentOrRenewed);
	}

	/**
	 * The cached token if it is fresh, without waiting: what {@link #accessToken()} would give at once. For a caller
	 * on a hot path that can skip the {@code Mono}; {@code null} when the token is due for renewal or none is held.
	 * @return the fresh token, or {@code null}
	 */
	public @Nullable OAuth2AccessToken freshToken() {
		Held held = this.state.get().held();
		return (held != null && held.isFreshAt(this.clock.millis())) ? held.token : null;
	}

	/** Forgets the cached token, so that the next caller obtains a new one. */
	public void invalidate() {
		for (;;) {
			TokenState current = this.state.get();
			if (current.held() == null || this.state.compareAndSet(current, current.withHeld(null))) {
				return;
			}
		}
	}

	/**
	 * Forgets the cached token if it is still the given one: of many callers that saw the same token rejected, only
	 * the first causes a new token request.
	 * @param rejected the token that was rejected
	 * @return whether it was the cached token and has been forgotten
	 */
	public boolean invalidate(OAuth2AccessToken rejected) {
		return forget(rejected, false);
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
		TokenState current = this.state.get();
		Failure failure = pausing(current, this.clock.instant());
		if (failure != null && failure.rejectedToken() != null) {
			return false;
		}
		Held held = current.held();
		boolean pauseServed = current.failure() != null && current.failure().rejectedToken() == rejected;
		if (held != null && held.token == rejected && held.afterUnauthorized && !pauseServed) {
			rememberRejection(rejected);
			return false;
		}
		// a new token, after a pause served or a change of credentials, is worth one more try
		forget(rejected, true);
		return true;
	}

	/**
	 * The Platform API answered something other than 401 (or 5xx, which may come from before authentication) to a
	 * token: it is a token Genesys honours, and a pause after rejected tokens ends. Cheap enough for every response:
	 * it only reads, unless there is something to clear.
	 * @param token the token the API accepted
	 */
	public void accepted(OAuth2AccessToken token) {
		for (;;) {
			TokenState current = this.state.get();
			Held held = current.held();
			boolean isHeld = held != null && held.token == token;
			boolean clearsFlag = isHeld && held.afterUnauthorized;
			Failure failure = current.failure();
			boolean endsRejection = failure != null && failure.rejectedToken() != null
					&& (isHeld || token == failure.rejectedToken());
			if (!clearsFlag && !endsRejection) {
				return;
			}
			TokenState next = current.withHeld(clearsFlag ? held.accepted() : held)
				.withFailure(endsRejection ? null : failure);
			if (this.state.compareAndSet(current, next)) {
				if (endsRejection) {
					logger.info("The Platform API accepts the tokens of OAuth client '"
							+ this.client.registration.getClientId() + "' again; token requests no longer pause.");
				}
				return;
			}
		}
	}

	/** What is known now about the cached token and the last token request, without the token itself. */
	public GenesysTokenState state() {
		TokenState current = this.state.get();
		Held held = current.held();
		Failure failure = current.failure();
		return new GenesysTokenState((held != null) ? held.expiresAt : null, (held != null) ? held.renewAt : null,
				(failure != null) ? failure.exception() : null, (failure != null) ? failure.at() : null,
				(failure != null) ? failure.retryAt() : null);
	}

	/**
	 * The name of the Genesys org these tokens are for: {@code default}, or a named org's; the {@code org} tag of
	 * its meters.
	 * @return the org's name
	 */
	public String orgName() {
		return this.orgName;
	}

	/**
	 * The registration of the latest token request, or the first one before any.
	 * @return the registration
	 */
	public ClientRegistration clientRegistration() {
		return this.client.registration;
	}

	/**
	 * Time left on the cached token, by this instance's clock.
	 * @return what is left, {@link Duration#ZERO} when no token is held or it has expired
	 */
	public Duration expiresIn() {
		return state().expiresIn(this.clock.instant());
	}

	/** The token endpoint asked. */
	public URI tokenUri() {
		return this.client.tokenUri;
	}

	/** Longest wait for one answer of the token endpoint. */
	public Duration tokenRequestTimeout() {
		return this.tokenRequestTimeout;
	}

	/**
	 * Whether {@link #close()} was called: a client about to send a request with a token it obtained before checks
	 * this last, so that no request leaves after {@code close()} returned.
	 * @return whether closed
	 */
	public boolean isClosed() {
		return this.state.get().closed();
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
		TokenState before = this.state.getAndSet(TokenState.CLOSED);
		this.closing.tryEmitEmpty();
		if (before.flight() != null) {
			before.flight().cancel(this.client.failures.closed());
		}
	}

	private Mono<OAuth2AccessToken> currentOrRenewed(ContextView context) {
		TokenState current = this.state.get();
		Held held = current.held();
		// millis, not an Instant: this runs for every call and allocates nothing on the way to a fresh token
		if (held != null && held.isFreshAt(this.clock.millis())) {
			return held.mono;
		}
		if (current.closed()) {
			return Mono.error(this.client.failures::closed);
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
				return Mono.error(this.client.failures::closed);
			}
			Instant now = this.clock.instant();
			Held held = current.held();
			Held valid = (held != null && held.isValidAt(now)) ? held : null;
			if (valid != null && valid.isFreshAt(now.toEpochMilli())) {
				return valid.mono;
			}
			if (current.flight() != null) {
				return (valid != null) ? valid.mono : current.flight().result;
			}
			Failure failure = pausing(current, now);
			if (failure != null) {
				return (valid != null) ? valid.mono : failure.again();
			}
			Flight mine = new Flight();
			if (this.state.compareAndSet(current, current.withFlight(mine))) {
				// a renewal makes one attempt, so that the pause after a failure paces the next; without a token to
				// fall back on, faults that may heal are retried within the flight
				start(mine, context, valid == null);
				return (valid != null) ? valid.mono : mine.result;
			}
		}
	}

	/** The remembered failure, if token requests still pause after it. */
	private @Nullable Failure pausing(TokenState current, Instant now) {
		Failure failure = current.failure();
		return (TokenPauses.pauses(failure, now) && !credentialsChanged(failure)) ? failure : null;
	}

	private boolean credentialsChanged(Failure failure) {
		ClientRegistration latest = this.registrationSource.get();
		ClientRegistration failed = failure.registration();
		return latest != failed && (!Objects.equals(latest.getClientId(), failed.getClientId())
				|| !Objects.equals(latest.getClientSecret(), failed.getClientSecret())
				|| !Objects.equals(latest.getProviderDetails().getTokenUri(), failed.getProviderDetails().getTokenUri()));
	}

	/** Forgets the held token if it is the given one; {@code afterUnauthorized}: the next token to land carries it. */
	private boolean forget(OAuth2AccessToken rejected, boolean afterUnauthorized) {
		for (;;) {
			TokenState current = this.state.get();
			Held held = current.held();
			if (held == null || held.token != rejected) {
				return false;
			}
			TokenState next = current.withHeld(null);
			if (afterUnauthorized) {
				next = next.withNextAfterUnauthorized(true);
			}
			if (this.state.compareAndSet(current, next)) {
				return true;
			}
		}
	}

	private void rememberRejection(OAuth2AccessToken rejected) {
		for (;;) {
			TokenState current = this.state.get();
			Failure previous = current.failure();
			if (current.closed() || (previous != null && previous.rejectedToken() == rejected)) {
				return;
			}
			GenesysAuthenticationException exception = this.client.failures.rejected();
			Failure next = this.pauses.afterRejection(exception, previous, this.clock.instant(),
					this.client.registration, rejected);
			if (this.state.compareAndSet(current, current.withFailure(next))) {
				logger.warn(exception.getMessage() + next.pauseNote());
				return;
			}
		}
	}

	private void start(Flight mine, ContextView context, boolean retry) {
		try {
			subscribe(mine, context, retry);
		}
		catch (RuntimeException ex) {
			// e.g. a registration source that failed: the flight must end, or its callers and all after them wait
			endFlight(mine, null);
			mine.sink.tryEmitError(ex);
		}
	}

	private void subscribe(Flight mine, ContextView context, boolean retry) {
		Client current = currentClient();
		mine.subscription = Mono.defer(() -> isClosed() ? Mono.error(current.failures::closed) : request(current, context))
			.doOnError((failure) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Token request failed: " + failure.getMessage());
				}
			})
			.retryWhen(Retry.backoff(retry ? this.maxAttempts - 1L : 0L, this.initialBackoff)
				.maxBackoff(this.maxBackoff)
				.scheduler(this.scheduler)
				.filter(TokenRequestFailures::isTransient)
				.onRetryExhaustedThrow((spec, signal) -> signal.failure()))
			.contextWrite(context)
			.subscribe((token) -> land(mine, token), (failure) -> fail(mine, current, failure));
		if (isClosed()) {
			// closed while this flight was starting: close() may have missed its subscription
			mine.cancel(current.failures.closed());
		}
	}

	/** Ends the flight if it is still this state's, with what it changes; false when closed or ended elsewhere. */
	private boolean endFlight(Flight mine, @Nullable UnaryOperator<TokenState> change) {
		for (;;) {
			TokenState current = this.state.get();
			if (current.flight() != mine) {
				return false;
			}
			TokenState next = current.withFlight(null);
			if (change != null) {
				next = change.apply(next);
			}
			if (this.state.compareAndSet(current, next)) {
				return true;
			}
		}
	}

	/** One token request, observed as {@code genesys.oauth.token.requests}, a child of the caller's observation. */
	private Mono<OAuth2AccessToken> request(Client current, ContextView context) {
		GenesysTokenRequestContext observationContext = new GenesysTokenRequestContext(this.orgName,
				current.registration.getClientId(), current.tokenUri);
		Observation observation = GenesysTokenObservationDocumentation.TOKEN_REQUESTS.observation(
				this.observationConvention, DefaultGenesysTokenObservationConvention.INSTANCE, () -> observationContext,
				this.observationRegistry);
		Observation parent = context.getOrDefault(OBSERVATION_KEY, null);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		Mono<OAuth2AccessToken> request = current.authorizer.authorize(current.authorizationContext)
			.map(OAuth2AuthorizedClient::getAccessToken)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Spring Security returned no token")))
			.timeout(this.tokenRequestTimeout)
			.onErrorMap(current.failures::translate)
			.doOnError(GenesysAuthenticationException.class, (failure) -> {
				observationContext.setFailure(failure);
				observation.error(failure);
			})
			// only close() cancels a token request
			.doOnCancel(() -> {
				if (isClosed() && observationContext.getFailure() == null) {
					observationContext.setFailure(current.failures.closed());
				}
			})
			.doFinally((signal) -> observation.stop());
		// the token endpoint's http.client.requests observation becomes a child of this one
		return observation.isNoop() ? request
				: request.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
	}

	private Client currentClient() {
		Client current = this.client;
		ClientRegistration latest = this.registrationSource.get();
		if (latest == current.registration) {
			return current;
		}
		Client next = new Client(latest, this.authorizers.apply(this.clock), this.tokenRequestTimeout, this.orgName,
				this.propertyPrefix);
		this.client = next;
		return next;
	}

	private void land(Flight mine, OAuth2AccessToken token) {
		Instant now = this.clock.instant();
		Duration lifetime = lifetimeOf(token);
		Duration half = lifetime.dividedBy(2);
		Duration margin = (this.refreshBeforeExpiry.compareTo(half) < 0) ? this.refreshBeforeExpiry : half;
		Instant expiresAt = now.plus(lifetime);
		Instant renewAt = expiresAt.minus(margin);
		// a rejection is not undone by a new token, only by the API accepting one
		boolean landed = endFlight(mine, (next) -> next
			.withHeld(new Held(token, expiresAt, renewAt, next.nextAfterUnauthorized()))
			.withNextAfterUnauthorized(false)
			.withFailure((next.failure() != null && next.failure().rejectedToken() != null) ? next.failure() : null));
		if (!landed) {
			// closed while this token was on its way: it serves no one
			mine.sink.tryEmitError(this.client.failures.closed());
			return;
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Genesys Cloud access token for OAuth client '"
					+ this.client.registration.getClientId() + "', valid for " + lifetime + ", to be renewed at "
					+ renewAt);
		}
		mine.sink.tryEmitValue(token);
	}

	private void fail(Flight mine, Client failedClient, Throwable cause) {
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
		mine.sink.tryEmitError(ended ? exception : failedClient.failures.closed());
	}

	// Spring Security stamps tokens with the system time; only their difference, expires_in, is used here, so that
	// renewal follows this instance's Clock.
	private static Duration lifetimeOf(OAuth2AccessToken token) {
		if (token.getIssuedAt() == null || token.getExpiresAt() == null) {
			return Duration.ZERO;
		}
		Duration lifetime = Duration.between(token.getIssuedAt(), token.getExpiresAt());
		return lifetime.isNegative() ? Duration.ZERO : lifetime;
	}

	@Override
	public String toString() {
		return "GenesysAccessTokens[clientId=" + this.client.registration.getClientId() + ", tokenUri="
				+ this.client.tokenUri + "]";
	}

	/**
	 * All that changes, at one moment: never modified, replaced as a whole.
	 * @param held the cached token, or {@code null}
	 * @param flight the token request in progress, or {@code null}
	 * @param failure the last failure and its pause, or {@code null}
	 * @param nextAfterUnauthorized whether the next token to land follows a 401 to the one before it
	 * @param closed whether {@link #close()} was called: no token, no flight, for good
	 */
	private record TokenState(@Nullable Held held, @Nullable Flight flight, @Nullable Failure failure,
			boolean nextAfterUnauthorized, boolean closed) {

		static final TokenState EMPTY = new TokenState(null, null, null, false, false);

		static final TokenState CLOSED = new TokenState(null, null, null, false, true);

		TokenState withHeld(@Nullable Held held) {
			return new TokenState(held, this.flight, this.failure, this.nextAfterUnauthorized, this.closed);
		}

		TokenState withFlight(@Nullable Flight flight) {
			return new TokenState(this.held, flight, this.failure, this.nextAfterUnauthorized, this.closed);
		}

		TokenState withFailure(@Nullable Failure failure) {
			return new TokenState(this.held, this.flight, failure, this.nextAfterUnauthorized, this.closed);
		}

		TokenState withNextAfterUnauthorized(boolean nextAfterUnauthorized) {
			return new TokenState(this.held, this.flight, this.failure, nextAfterUnauthorized, this.closed);
		}

	}

	/** The cached token and when it is renewed and expires; immutable. */
	private static final class Held {

		private final OAuth2AccessToken token;

		private final Instant expiresAt;

		private final Instant renewAt;

		private final Mono<OAuth2AccessToken> mono;

		private final long renewAtMillis;

		// obtained because the token before it got a 401, and not accepted by the API since
		private final boolean afterUnauthorized;

		Held(OAuth2AccessToken token, Instant expiresAt, Instant renewAt, boolean afterUnauthorized) {
			this(token, expiresAt, renewAt, Mono.just(token), afterUnauthorized);
		}

		private Held(OAuth2AccessToken token, Instant expiresAt, Instant renewAt, Mono<OAuth2AccessToken> mono,
				boolean afterUnauthorized) {
			this.token = token;
			this.expiresAt = expiresAt;
			this.renewAt = renewAt;
			this.renewAtMillis = renewAt.toEpochMilli();
			this.mono = mono;
			this.afterUnauthorized = afterUnauthorized;
		}

		/** The same token, accepted by the API. */
		Held accepted() {
			return new Held(this.token, this.expiresAt, this.renewAt, this.mono, false);
		}

		boolean isFreshAt(long nowMillis) {
			return nowMillis < this.renewAtMillis;
		}

		boolean isValidAt(Instant now) {
			return now.isBefore(this.expiresAt);
		}

	}

	private static final class Flight {

		private final Sinks.One<OAuth2AccessToken> sink = Sinks.one();

		private volatile @Nullable Disposable subscription;

		// Each caller gets an exception of its own: Reactor adds a suppressed exception to what block() throws.
		private final Mono<OAuth2AccessToken> result = this.sink.asMono()
			.onErrorMap(GenesysAuthenticationException.class,
					(failure) -> TokenRequestFailures.copy(failure, failure.getMessage()));

		/** Stops the token request or backoff in progress; its callers get the failure. */
		void cancel(GenesysAuthenticationException failure) {
			Disposable running = this.subscription;
			if (running != null) {
				running.dispose();
			}
			this.sink.tryEmitError(failure);
		}

	}

	/** Spring Security's client-credentials provider for one registration, and how its failures read. */
	private static final class Client {

		private final ClientRegistration registration;

		private final URI tokenUri;

		private final TokenAuthorizer authorizer;

		private final OAuth2AuthorizationContext authorizationContext;

		private final TokenRequestFailures failures;

		Client(ClientRegistration registration, TokenAuthorizer authorizer, Duration timeout, String orgName,
				@Nullable String propertyPrefix) {
			this.registration = registration;
			this.tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
			this.authorizer = authorizer;
			this.authorizationContext = OAuth2AuthorizationContext.withClientRegistration(registration)
				.principal(UsernamePasswordAuthenticationToken.unauthenticated(registration.getClientId(), null))
				.build();
			this.failures = new TokenRequestFailures(this.tokenUri, registration.getClientId(), timeout, orgName,
					propertyPrefix);
		}

	}

	/** Describes the tokens of one OAuth client. */
	public static final class Builder {

		private final ClientRegistration registration;

		private @Nullable Supplier<ClientRegistration> registrationSource;

		private @Nullable Function<Clock, TokenAuthorizer> authorizers;

		private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

		private Duration tokenRequestTimeout = Duration.ofSeconds(10);

		private Clock clock = Clock.systemUTC();

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofMillis(500);

		private Duration maxBackoff = Duration.ofSeconds(1);

		private Duration maxRefusalBackoff = Duration.ofMinutes(5);

		private Scheduler scheduler = Schedulers.parallel();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private String orgName = DEFAULT_ORG;

		private @Nullable String propertyPrefix = "genesys.oauth.";

		private @Nullable GenesysTokenObservationConvention observationConvention;

		private Builder(ClientRegistration registration) {
			this.registration = checked(registration);
		}

		private static ClientRegistration checked(ClientRegistration registration) {
			Assert.notNull(registration, "registration must not be null");
			Assert.isTrue(AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType()),
					() -> "registration '" + registration.getRegistrationId()
							+ "' must use the client_credentials grant");
			return registration;
		}

		/**
		 * Where the registration comes from when it may change at run time, e.g. the client secret rebound from a
		 * refreshed property source. Asked before each token request and while a refusal is remembered; a
		 * registration with other credentials ends the pause after a refusal at once. Return the same instance while
		 * nothing changed.
		 */
		public Builder registrationSource(Supplier<ClientRegistration> registrationSource) {
			Objects.requireNonNull(registrationSource, "registrationSource");
			this.registrationSource = () -> checked(registrationSource.get());
			return this;
		}

		/**
		 * How token requests travel, for a reactive client such as {@link WebClientTokenResponseClients#of}, built from
		 * Boot's builder to get its metrics. By default a plain WebClient where WebClient is on the
		 * classpath, else a RestClient on the JDK's HTTP client with {@code tokenRequestTimeout} as its read timeout.
		 */
		public Builder tokenResponseClient(
				ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
			Objects.requireNonNull(tokenResponseClient, "tokenResponseClient");
			this.authorizers = (clock) -> TokenAuthorizer.reactive(tokenResponseClient, clock);
			return this;
		}

		/**
		 * How token requests travel, for a blocking client such as {@link RestClientTokenResponseClient}: each request
		 * runs on a thread of Reactor's bounded elastic scheduler.
		 */
		public Builder blockingTokenResponseClient(
				OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
			Objects.requireNonNull(tokenResponseClient, "tokenResponseClient");
			this.authorizers = (clock) -> TokenAuthorizer.blocking(tokenResponseClient, clock);
			return this;
		}

		/** How long before expiry a token is renewed; capped at half the token's lifetime. */
		public Builder refreshBeforeExpiry(Duration refreshBeforeExpiry) {
			this.refreshBeforeExpiry = positive(refreshBeforeExpiry, "refreshBeforeExpiry");
			return this;
		}

		/** Longest wait for one answer of the token endpoint. */
		public Builder tokenRequestTimeout(Duration tokenRequestTimeout) {
			this.tokenRequestTimeout = positive(tokenRequestTimeout, "tokenRequestTimeout");
			return this;
		}

		/** Token requests per flight when the token endpoint fails in a way that may heal; 1 for no retry. */
		public Builder maxAttempts(int maxAttempts) {
			Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
			this.maxAttempts = maxAttempts;
			return this;
		}

		/** First backoff after a token endpoint fault, doubled after each further one. */
		public Builder initialBackoff(Duration initialBackoff) {
			this.initialBackoff = positive(initialBackoff, "initialBackoff");
			return this;
		}

		/** Longest backoff between token requests while the token endpoint keeps failing. */
		public Builder maxBackoff(Duration maxBackoff) {
			this.maxBackoff = positive(maxBackoff, "maxBackoff");
			return this;
		}

		/** Longest pause between token requests while Genesys keeps refusing the credentials. */
		public Builder maxRefusalBackoff(Duration maxRefusalBackoff) {
			this.maxRefusalBackoff = positive(maxRefusalBackoff, "maxRefusalBackoff");
			return this;
		}

		/** Scheduler the backoff between retried token requests waits on. */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
			return this;
		}

		/**
		 * Registry the {@code genesys.oauth.token.requests} observation of each token request goes to; none by
		 * default.
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/** Convention that names and tags the observation, instead of the default one; {@code null} for the default. */
		public Builder observationConvention(@Nullable GenesysTokenObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/** Name of the Genesys org these tokens are for, the {@code org} tag of its meters; {@code default} by default. */
		public Builder orgName(String orgName) {
			this.orgName = Objects.requireNonNull(orgName, "orgName");
			return this;
		}

		/**
		 * Prefix of the properties that hold this org's settings, which failure messages name, such as
		 * {@code genesys.oauth.orgs.acme.}; {@code genesys.oauth.} by default, {@code null} for settings given in code.
		 */
		public Builder propertyPrefix(@Nullable String propertyPrefix) {
			this.propertyPrefix = propertyPrefix;
			return this;
		}

		/** Clock that decides when a token is due for renewal and when a pause after failures ends. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Builds the token source. */
		public GenesysAccessTokens build() {
			return new GenesysAccessTokens(this);
		}

		private static Duration positive(@Nullable Duration duration, String name) {
			Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
					() -> name + " must be positive");
			return duration;
		}

	}

}
