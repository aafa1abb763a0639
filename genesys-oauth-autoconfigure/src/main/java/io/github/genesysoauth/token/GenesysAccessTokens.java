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

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
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

	/** First pause after a refusal of the credentials or a malformed answer. */
	static final Duration FIRST_REFUSAL_PAUSE = Duration.ofSeconds(5);

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

	private final Duration maxRefusalBackoff;

	private final Scheduler scheduler;

	private final ObservationRegistry observationRegistry;

	private final String orgName;

	private final @Nullable String propertyPrefix;

	private final @Nullable GenesysTokenObservationConvention observationConvention;

	private volatile Client client;

	private final AtomicReference<@Nullable CachedToken> cached = new AtomicReference<>();

	private final AtomicReference<@Nullable Flight> flight = new AtomicReference<>();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

	// set when a 401 made us forget the token; the next token to land carries it
	private volatile boolean renewingAfterUnauthorized;

	private final Sinks.Empty<Void> closing = Sinks.empty();

	private volatile boolean closed;

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
		this.maxRefusalBackoff = builder.maxRefusalBackoff;
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
	 * A valid access token: the cached one while it is fresh, otherwise the result of the token request in flight,
	 * started by this call if none is.
	 * @return the token, or a {@link GenesysAuthenticationException} when none could be obtained
	 */
	public Mono<OAuth2AccessToken> accessToken() {
		return Mono.deferContextual(this::currentOrRenewed);
	}

	/**
	 * The cached token if it is fresh, without waiting: what {@link #accessToken()} would give at once. For a caller
	 * on a hot path that can skip the {@code Mono}; {@code null} when {@link #accessToken()} would have to renew.
	 * @return the fresh token, or {@code null}
	 */
	public @Nullable OAuth2AccessToken freshToken() {
		if (this.closed) {
			return null;
		}
		CachedToken current = this.cached.get();
		return (current != null && current.isFreshAt(this.clock.millis())) ? current.token : null;
	}

	/** Forgets the cached token, so that the next caller obtains a new one. */
	public void invalidate() {
		this.cached.set(null);
	}

	/**
	 * Forgets the cached token if it is still the given one: of many callers that saw the same token rejected, only
	 * the first causes a new token request.
	 * @param rejected the token that was rejected
	 * @return whether it was the cached token and has been forgotten
	 */
	public boolean invalidate(OAuth2AccessToken rejected) {
		CachedToken current = this.cached.get();
		return current != null && current.token == rejected && this.cached.compareAndSet(current, null);
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
		Failure pausing = pausingFailure(this.clock.instant());
		if (pausing != null && pausing.rejectedToken != null) {
			return false;
		}
		CachedToken current = this.cached.get();
		Failure last = this.lastFailure.get();
		boolean pauseServed = last != null && last.rejectedToken == rejected;
		if (current != null && current.token == rejected && current.afterUnauthorized && !pauseServed) {
			rememberRejection(current);
			return false;
		}
		// a new token, after a pause served or a change of credentials, is worth one more try
		if (invalidate(rejected)) {
			this.renewingAfterUnauthorized = true;
		}
		return true;
	}

	/**
	 * The Platform API answered something other than 401 (or 5xx, which may come from before authentication) to a
	 * token: it is a token Genesys honours, and a pause after rejected tokens ends. Cheap enough for every response.
	 * @param token the token the API accepted
	 */
	public void accepted(OAuth2AccessToken token) {
		CachedToken current = this.cached.get();
		boolean held = current != null && current.token == token;
		if (held && current.afterUnauthorized) {
			current.afterUnauthorized = false;
		}
		Failure failure = this.lastFailure.get();
		if (failure != null && failure.rejectedToken != null && (held || token == failure.rejectedToken)
				&& this.lastFailure.compareAndSet(failure, null)) {
			logger.info("The Platform API accepts the tokens of OAuth client '" + this.client.registration.getClientId()
					+ "' again; token requests no longer pause.");
		}
	}

	private void rememberRejection(CachedToken current) {
		OAuth2AccessToken rejected = current.token;
		for (;;) {
			Failure previous = this.lastFailure.get();
			if (previous != null && previous.rejectedToken == rejected) {
				return;
			}
			GenesysAuthenticationException exception = this.client.failures.rejected();
			Failure next = failure(exception, previous, this.client.registration, rejected);
			if (this.lastFailure.compareAndSet(previous, next)) {
				logger.warn(exception.getMessage() + pauseNote(next));
				return;
			}
		}
	}

	/** What is known now about the cached token and the last token request, without the token itself. */
	public GenesysTokenState state() {
		CachedToken current = this.cached.get();
		Failure failure = this.lastFailure.get();
		return new GenesysTokenState((current != null) ? current.expiresAt : null,
				(current != null) ? current.renewAt : null, (failure != null) ? failure.exception : null,
				(failure != null) ? failure.at : null, (failure != null) ? failure.retryAt : null);
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
	 * Completes when this token source is closed: for work elsewhere that waits on its behalf, such as a retry's
	 * backoff, to stop waiting.
	 * @return a {@code Mono} that completes empty on {@link #close()}
	 */
	public Mono<Void> whenClosed() {
		return this.closing.asMono();
	}

	/**
	 * Stops all work: the token request or backoff in progress is cancelled, its callers fail, and every later
	 * caller fails at once with error {@code closed}; no token request starts after this returns. Never blocks.
	 */
	@Override
	public void close() {
		this.closed = true;
		// no caller gets the cached token afterwards, not even from freshToken(): a removed org's token is never sent
		this.cached.set(null);
		this.closing.tryEmitEmpty();
		Flight inFlight = this.flight.getAndSet(null);
		if (inFlight != null) {
			inFlight.cancel(this.client.failures.closed());
		}
	}

	private Mono<OAuth2AccessToken> currentOrRenewed(ContextView context) {
		if (this.closed) {
			return Mono.error(this.client.failures::closed);
		}
		CachedToken current = this.cached.get();
		// millis, not an Instant: this runs for every call and allocates nothing on the way to a fresh token
		long nowMillis = this.clock.millis();
		if (current != null && current.isFreshAt(nowMillis)) {
			return current.mono;
		}
		Instant now = this.clock.instant();
		CachedToken usable = (current != null && current.isValidAt(now)) ? current : null;
		Failure failure = pausingFailure(now);
		if (failure != null) {
			return (usable != null) ? usable.mono : failure.again;
		}
		Flight joined = joinOrStart(context, usable == null);
		// A renewal's callers wait for it, as the first caller's do; if it fails they keep the token they have.
		return (usable != null) ? joined.result.onErrorReturn(usable.token) : joined.result;
	}

	private Flight joinOrStart(ContextView context, boolean retry) {
		for (;;) {
			Flight inFlight = this.flight.get();
			if (inFlight != null) {
				return inFlight;
			}
			Flight mine = new Flight();
			if (this.flight.compareAndSet(null, mine)) {
				start(mine, context, retry);
				return mine;
			}
		}
	}

	/** The remembered failure, if token requests still pause after it. */
	private @Nullable Failure pausingFailure(Instant now) {
		Failure failure = this.lastFailure.get();
		return (failure != null && now.isBefore(failure.retryAt) && !credentialsChanged(failure)) ? failure : null;
	}

	private boolean credentialsChanged(Failure failure) {
		ClientRegistration latest = this.registrationSource.get();
		ClientRegistration failed = failure.registration;
		return latest != failed && (!Objects.equals(latest.getClientId(), failed.getClientId())
				|| !Objects.equals(latest.getClientSecret(), failed.getClientSecret())
				|| !Objects.equals(latest.getProviderDetails().getTokenUri(), failed.getProviderDetails().getTokenUri()));
	}

	// Without a token to fall back on, faults that may heal are retried within the flight; with one, a renewal makes
	// one attempt, so that its callers never wait through backoffs, and the pause after a failure paces the next.
	private void start(Flight mine, ContextView context, boolean retry) {
		try {
			startOrSettle(mine, context, retry);
		}
		catch (RuntimeException ex) {
			// e.g. a registration source that failed: the flight must end, or its callers and all after them wait
			this.flight.compareAndSet(mine, null);
			mine.sink.tryEmitError(ex);
		}
	}

	private void startOrSettle(Flight mine, ContextView context, boolean retry) {
		// Another flight may have landed or failed between our look at the cache and the failure and winning the race
		// to start one: both are recorded before a flight ends, so looking again now makes the decision atomic.
		CachedToken landed = this.cached.get();
		if (landed != null && landed.isFreshAt(this.clock.millis())) {
			this.flight.compareAndSet(mine, null);
			mine.sink.tryEmitValue(landed.token);
			return;
		}
		Failure failed = pausingFailure(this.clock.instant());
		if (failed != null || this.closed) {
			this.flight.compareAndSet(mine, null);
			mine.sink.tryEmitError((failed != null) ? remembered(failed) : this.client.failures.closed());
			return;
		}
		Client current = currentClient();
		mine.subscription = Mono.defer(() -> this.closed ? Mono.error(current.failures::closed) : request(current, context))
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
		if (this.closed) {
			// closed while this flight was starting: close() may have missed it
			mine.cancel(current.failures.closed());
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
				if (this.closed && observationContext.getFailure() == null) {
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
		CachedToken next = new CachedToken(token, expiresAt, expiresAt.minus(margin), this.renewingAfterUnauthorized);
		this.renewingAfterUnauthorized = false;
		this.cached.set(next);
		if (this.closed) {
			// closed while this token was on its way: it serves no one
			this.cached.set(null);
		}
		// a rejection is not undone by a new token, only by the API accepting one
		this.lastFailure.getAndUpdate((failure) -> (failure != null && failure.rejectedToken != null) ? failure : null);
		this.flight.compareAndSet(mine, null);
		if (logger.isDebugEnabled()) {
			logger.debug("Obtained a Genesys Cloud access token for OAuth client '"
					+ this.client.registration.getClientId() + "', valid for " + lifetime + ", to be renewed at "
					+ next.renewAt);
		}
		mine.sink.tryEmitValue(token);
	}

	private void fail(Flight mine, Client failedClient, Throwable cause) {
		GenesysAuthenticationException exception = failedClient.failures.translate(cause);
		if (this.closed && TokenRequestFailures.CLOSED.equals(exception.getErrorCode())) {
			mine.sink.tryEmitError(exception);
			return;
		}
		Failure next = failure(exception, this.lastFailure.get(), failedClient.registration, null);
		this.lastFailure.set(next);
		this.flight.compareAndSet(mine, null);
		logger.warn(exception.getMessage() + pauseNote(next));
		mine.sink.tryEmitError(exception);
	}

	/** The next failure in a row, and the pause after it: short for faults that may heal, long for the others. */
	private Failure failure(GenesysAuthenticationException exception, @Nullable Failure previous,
			ClientRegistration registration, @Nullable OAuth2AccessToken rejectedToken) {
		Instant now = this.clock.instant();
		int failures = (previous != null) ? previous.failures + 1 : 1;
		Duration pause = TokenRequestFailures.isTransient(exception)
				? Backoff.after(this.initialBackoff, this.maxBackoff, failures)
				: Backoff.after(min(FIRST_REFUSAL_PAUSE, this.maxRefusalBackoff), this.maxRefusalBackoff, failures);
		return new Failure(exception, now, now.plus(pause), failures, registration, rejectedToken);
	}

	private static String pauseNote(Failure failure) {
		return " No token request before " + failure.retryAt + " (" + failure.failures
				+ ((failure.failures == 1) ? " failure)." : " failures in a row).");
	}

	private static GenesysAuthenticationException remembered(Failure failure) {
		return TokenRequestFailures.remembered(failure.exception, failure.retryAt, failure.failures);
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
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

	private static final class CachedToken {

		private final OAuth2AccessToken token;

		private final Instant expiresAt;

		private final Instant renewAt;

		private final Mono<OAuth2AccessToken> mono;

		private final long renewAtMillis;

		// obtained because the token before it got a 401, and not accepted by the API since
		private volatile boolean afterUnauthorized;

		CachedToken(OAuth2AccessToken token, Instant expiresAt, Instant renewAt, boolean afterUnauthorized) {
			this.token = token;
			this.expiresAt = expiresAt;
			this.renewAt = renewAt;
			this.renewAtMillis = renewAt.toEpochMilli();
			this.mono = Mono.just(token);
			this.afterUnauthorized = afterUnauthorized;
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

	/**
	 * A failure remembered, and the pause after it.
	 * @param rejectedToken the token the API rejected, for a {@code token_rejected} failure; {@code null} for a
	 * failed token request
	 */
	private record Failure(GenesysAuthenticationException exception, Instant at, Instant retryAt, int failures,
			ClientRegistration registration, @Nullable OAuth2AccessToken rejectedToken, Mono<OAuth2AccessToken> again) {

		Failure(GenesysAuthenticationException exception, Instant at, Instant retryAt, int failures,
				ClientRegistration registration, @Nullable OAuth2AccessToken rejectedToken) {
			this(exception, at, retryAt, failures, registration, rejectedToken,
					Mono.error(() -> TokenRequestFailures.remembered(exception, retryAt, failures)));
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
