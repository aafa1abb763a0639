package io.github.genesysoauth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestHeadersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.WebClient;

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
 * {@link Builder#registrationSource}) are tried at once.</li>
 * </ul>
 *
 * <p>Instances hold no static state: an application may keep one per Genesys organization.
 */
public final class GenesysAccessTokens {

	/** First pause after a refusal of the credentials or a malformed answer. */
	static final Duration FIRST_REFUSAL_PAUSE = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(GenesysAccessTokens.class);

	// A compile-time constant, inlined: the context-propagation library it belongs with need not be present.
	private static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

	private final Supplier<ClientRegistration> registrationSource;

	private final WebClient webClient;

	private final Duration refreshBeforeExpiry;

	private final Duration tokenRequestTimeout;

	private final Clock clock;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Duration maxRefusalBackoff;

	private final Scheduler scheduler;

	private final ObservationRegistry observationRegistry;

	private final @Nullable GenesysTokenObservationConvention observationConvention;

	private volatile Client client;

	private final AtomicReference<@Nullable CachedToken> cached = new AtomicReference<>();

	private final AtomicReference<@Nullable Flight> flight = new AtomicReference<>();

	private volatile @Nullable Failure lastFailure;

	private GenesysAccessTokens(Builder builder) {
		this.registrationSource = (builder.registrationSource != null) ? builder.registrationSource
				: () -> builder.registration;
		this.webClient = builder.webClient;
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
		this.client = new Client(builder.registration, this.webClient, this.clock, this.tokenRequestTimeout);
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

	/** What is known now about the cached token and the last token request, without the token itself. */
	public GenesysTokenState state() {
		CachedToken current = this.cached.get();
		Failure failure = this.lastFailure;
		return new GenesysTokenState((current != null) ? current.expiresAt : null,
				(current != null) ? current.renewAt : null, (failure != null) ? failure.exception : null,
				(failure != null) ? failure.at : null, (failure != null) ? failure.retryAt : null);
	}

	/** The registration tokens are requested for: the latest one the registration source gave. */
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

	private Mono<OAuth2AccessToken> currentOrRenewed(ContextView context) {
		CachedToken current = this.cached.get();
		// millis, not an Instant: this runs for every call and allocates nothing on the way to a fresh token
		long nowMillis = this.clock.millis();
		if (current != null && current.isFreshAt(nowMillis)) {
			return current.mono;
		}
		Instant now = this.clock.instant();
		CachedToken usable = (current != null && current.isValidAt(now)) ? current : null;
		Failure failure = this.lastFailure;
		if (failure != null && now.isBefore(failure.retryAt) && !credentialsChanged(failure)) {
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
		// A flight may have landed between our look at the cache and winning the race to start one.
		CachedToken landed = this.cached.get();
		if (landed != null && landed.isFreshAt(this.clock.millis())) {
			this.flight.compareAndSet(mine, null);
			mine.sink.tryEmitValue(landed.token);
			return;
		}
		Client current = currentClient();
		Mono.defer(() -> request(current, context))
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
	}

	/** One token request, observed as {@code genesys.oauth.token.requests}, a child of the caller's observation. */
	private Mono<OAuth2AccessToken> request(Client current, ContextView context) {
		GenesysTokenRequestContext observationContext = new GenesysTokenRequestContext(
				current.registration.getClientId(), current.tokenUri);
		Observation observation = GenesysTokenObservationDocumentation.TOKEN_REQUESTS.observation(
				this.observationConvention, DefaultGenesysTokenObservationConvention.INSTANCE, () -> observationContext,
				this.observationRegistry);
		Observation parent = context.getOrDefault(OBSERVATION_KEY, null);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		Mono<OAuth2AccessToken> request = current.provider.authorize(current.authorizationContext)
			.map(OAuth2AuthorizedClient::getAccessToken)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Spring Security returned no token")))
			.timeout(this.tokenRequestTimeout)
			.onErrorMap(current.failures::translate)
			.doOnError(GenesysAuthenticationException.class, (failure) -> {
				observationContext.setFailure(failure);
				observation.error(failure);
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
		Client next = new Client(latest, this.webClient, this.clock, this.tokenRequestTimeout);
		this.client = next;
		return next;
	}

	private void land(Flight mine, OAuth2AccessToken token) {
		Instant now = this.clock.instant();
		Duration lifetime = lifetimeOf(token);
		Duration half = lifetime.dividedBy(2);
		Duration margin = (this.refreshBeforeExpiry.compareTo(half) < 0) ? this.refreshBeforeExpiry : half;
		Instant expiresAt = now.plus(lifetime);
		CachedToken next = new CachedToken(token, expiresAt, expiresAt.minus(margin));
		this.cached.set(next);
		this.lastFailure = null;
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
		Instant now = this.clock.instant();
		Failure previous = this.lastFailure;
		int failures = (previous != null) ? previous.failures + 1 : 1;
		Duration pause = TokenRequestFailures.isTransient(exception)
				? Backoff.after(this.initialBackoff, this.maxBackoff, failures)
				: Backoff.after(min(FIRST_REFUSAL_PAUSE, this.maxRefusalBackoff), this.maxRefusalBackoff, failures);
		Instant retryAt = now.plus(pause);
		this.lastFailure = new Failure(exception, now, retryAt, failures, failedClient.registration,
				Mono.error(() -> TokenRequestFailures.remembered(exception, retryAt, failures)));
		this.flight.compareAndSet(mine, null);
		logger.warn(exception.getMessage() + " No token request before " + retryAt + " (" + failures
				+ ((failures == 1) ? " failure)." : " failures in a row)."));
		mine.sink.tryEmitError(exception);
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

		CachedToken(OAuth2AccessToken token, Instant expiresAt, Instant renewAt) {
			this.token = token;
			this.expiresAt = expiresAt;
			this.renewAt = renewAt;
			this.renewAtMillis = renewAt.toEpochMilli();
			this.mono = Mono.just(token);
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

		// Each caller gets an exception of its own: Reactor adds a suppressed exception to what block() throws.
		private final Mono<OAuth2AccessToken> result = this.sink.asMono()
			.onErrorMap(GenesysAuthenticationException.class,
					(failure) -> TokenRequestFailures.copy(failure, failure.getMessage()));

	}

	private record Failure(GenesysAuthenticationException exception, Instant at, Instant retryAt, int failures,
			ClientRegistration registration, Mono<OAuth2AccessToken> again) {
	}

	/** Spring Security's client-credentials provider for one registration, and how its failures read. */
	private static final class Client {

		private final ClientRegistration registration;

		private final URI tokenUri;

		private final ReactiveOAuth2AuthorizedClientProvider provider;

		private final OAuth2AuthorizationContext authorizationContext;

		private final TokenRequestFailures failures;

		Client(ClientRegistration registration, WebClient webClient, Clock clock, Duration timeout) {
			this.registration = registration;
			this.tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
			this.provider = clientCredentialsProvider(webClient, clock);
			this.authorizationContext = OAuth2AuthorizationContext.withClientRegistration(registration)
				.principal(UsernamePasswordAuthenticationToken.unauthenticated(registration.getClientId(), null))
				.build();
			this.failures = new TokenRequestFailures(this.tokenUri, registration.getClientId(), timeout);
		}

		private static ReactiveOAuth2AuthorizedClientProvider clientCredentialsProvider(WebClient webClient,
				Clock clock) {
			WebClientReactiveClientCredentialsTokenResponseClient tokenResponseClient = new WebClientReactiveClientCredentialsTokenResponseClient();
			tokenResponseClient.setWebClient(webClient);
			DefaultOAuth2TokenRequestHeadersConverter<OAuth2ClientCredentialsGrantRequest> headers = new DefaultOAuth2TokenRequestHeadersConverter<>();
			// Genesys documents Basic base64(client_id:client_secret) of the raw values; Spring Security would
			// URL-encode them first (RFC 6749 2.3.1), which changes any secret with characters such as '+' or '/'.
			headers.setEncodeClientCredentials(false);
			tokenResponseClient.setHeadersConverter(headers);
			tokenResponseClient.setBodyExtractor(new TokenResponseExtractor());
			ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
			provider.setAccessTokenResponseClient(tokenResponseClient);
			provider.setClock(clock);
			return provider;
		}

	}

	/** Describes the tokens of one OAuth client. */
	public static final class Builder {

		private final ClientRegistration registration;

		private @Nullable Supplier<ClientRegistration> registrationSource;

		private WebClient webClient = WebClient.create();

		private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

		private Duration tokenRequestTimeout = Duration.ofSeconds(10);

		private Clock clock = Clock.systemUTC();

		private int maxAttempts = 3;

		private Duration initialBackoff = Duration.ofMillis(500);

		private Duration maxBackoff = Duration.ofSeconds(1);

		private Duration maxRefusalBackoff = Duration.ofMinutes(5);

		private Scheduler scheduler = Schedulers.parallel();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

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

		/** Client for the token endpoint; build it from Boot's {@code WebClient.Builder} to get its metrics. */
		public Builder webClient(WebClient webClient) {
			this.webClient = Objects.requireNonNull(webClient, "webClient");
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
