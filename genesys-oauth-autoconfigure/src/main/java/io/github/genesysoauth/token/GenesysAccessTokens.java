package io.github.genesysoauth.token;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.context.ContextView;

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
 * however short its lifetime, so a token request never serves nobody.
 *
 * <p>Instances hold no static state: an application may keep one per Genesys organization.
 */
public final class GenesysAccessTokens {

	private static final Log logger = LogFactory.getLog(GenesysAccessTokens.class);

	private final ClientRegistration registration;

	private final ReactiveOAuth2AuthorizedClientProvider provider;

	private final OAuth2AuthorizationContext authorizationContext;

	private final Duration refreshBeforeExpiry;

	private final Duration tokenRequestTimeout;

	private final Clock clock;

	private final TokenRequestFailures failures;

	private final URI tokenUri;

	private final AtomicReference<@Nullable CachedToken> cached = new AtomicReference<>();

	private final AtomicReference<@Nullable Flight> flight = new AtomicReference<>();

	private volatile @Nullable Failure lastFailure;

	private GenesysAccessTokens(Builder builder) {
		this.registration = builder.registration;
		this.refreshBeforeExpiry = builder.refreshBeforeExpiry;
		this.tokenRequestTimeout = builder.tokenRequestTimeout;
		this.clock = builder.clock;
		this.provider = clientCredentialsProvider(builder.webClient, builder.clock);
		this.authorizationContext = OAuth2AuthorizationContext.withClientRegistration(this.registration)
			.principal(UsernamePasswordAuthenticationToken.unauthenticated(this.registration.getClientId(), null))
			.build();
		this.tokenUri = URI.create(this.registration.getProviderDetails().getTokenUri());
		this.failures = new TokenRequestFailures(this.tokenUri, this.registration.getClientId(),
				this.tokenRequestTimeout);
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
				(failure != null) ? failure.at : null);
	}

	/** The registration tokens are requested for. */
	public ClientRegistration clientRegistration() {
		return this.registration;
	}

	/** The token endpoint asked. */
	public URI tokenUri() {
		return this.tokenUri;
	}

	private Mono<OAuth2AccessToken> currentOrRenewed(ContextView context) {
		CachedToken current = this.cached.get();
		if (current != null && current.isFreshAt(this.clock.instant())) {
			return current.mono;
		}
		for (;;) {
			Flight inFlight = this.flight.get();
			if (inFlight != null) {
				return inFlight.result;
			}
			Flight mine = new Flight();
			if (this.flight.compareAndSet(null, mine)) {
				start(mine, context);
				return mine.result;
			}
		}
	}

	private void start(Flight mine, ContextView context) {
		// A flight may have landed between our look at the cache and winning the race to start one.
		CachedToken landed = this.cached.get();
		if (landed != null && landed.isFreshAt(this.clock.instant())) {
			this.flight.compareAndSet(mine, null);
			mine.sink.tryEmitValue(landed.token);
			return;
		}
		Mono.defer(() -> this.provider.authorize(this.authorizationContext))
			.map(OAuth2AuthorizedClient::getAccessToken)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("Spring Security returned no token")))
			.timeout(this.tokenRequestTimeout)
			.contextWrite(context)
			.subscribe((token) -> land(mine, token), (failure) -> fail(mine, failure));
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
			logger.debug("Obtained a Genesys Cloud access token for OAuth client '" + this.registration.getClientId()
					+ "', valid for " + lifetime + ", to be renewed at " + next.renewAt);
		}
		mine.sink.tryEmitValue(token);
	}

	private void fail(Flight mine, Throwable failure) {
		GenesysAuthenticationException exception = this.failures.translate(failure);
		this.lastFailure = new Failure(exception, this.clock.instant());
		this.flight.compareAndSet(mine, null);
		logger.warn(exception.getMessage());
		mine.sink.tryEmitError(exception);
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
		return "GenesysAccessTokens[clientId=" + this.registration.getClientId() + ", tokenUri=" + this.tokenUri + "]";
	}

	private static final class CachedToken {

		private final OAuth2AccessToken token;

		private final Instant expiresAt;

		private final Instant renewAt;

		private final Mono<OAuth2AccessToken> mono;

		CachedToken(OAuth2AccessToken token, Instant expiresAt, Instant renewAt) {
			this.token = token;
			this.expiresAt = expiresAt;
			this.renewAt = renewAt;
			this.mono = Mono.just(token);
		}

		boolean isFreshAt(Instant now) {
			return now.isBefore(this.renewAt);
		}

	}

	private static final class Flight {

		private final Sinks.One<OAuth2AccessToken> sink = Sinks.one();

		private final Mono<OAuth2AccessToken> result = this.sink.asMono();

	}

	private record Failure(GenesysAuthenticationException exception, Instant at) {
	}

	/** Describes the tokens of one OAuth client. */
	public static final class Builder {

		private final ClientRegistration registration;

		private WebClient webClient = WebClient.create();

		private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

		private Duration tokenRequestTimeout = Duration.ofSeconds(10);

		private Clock clock = Clock.systemUTC();

		private Builder(ClientRegistration registration) {
			Assert.notNull(registration, "registration must not be null");
			Assert.isTrue(AuthorizationGrantType.CLIENT_CREDENTIALS.equals(registration.getAuthorizationGrantType()),
					() -> "registration '" + registration.getRegistrationId()
							+ "' must use the client_credentials grant");
			this.registration = registration;
		}

		/** Client for the token endpoint; build it from Boot's {@code WebClient.Builder} to get its metrics. */
		public Builder webClient(WebClient webClient) {
			this.webClient = Objects.requireNonNull(webClient, "webClient");
			return this;
		}

		/** How long before expiry a token is renewed; capped at half the token's lifetime. */
		public Builder refreshBeforeExpiry(Duration refreshBeforeExpiry) {
			Assert.isTrue(refreshBeforeExpiry != null && !refreshBeforeExpiry.isNegative() && !refreshBeforeExpiry.isZero(),
					"refreshBeforeExpiry must be positive");
			this.refreshBeforeExpiry = refreshBeforeExpiry;
			return this;
		}

		/** Longest wait for the token endpoint. */
		public Builder tokenRequestTimeout(Duration tokenRequestTimeout) {
			Assert.isTrue(tokenRequestTimeout != null && !tokenRequestTimeout.isNegative() && !tokenRequestTimeout.isZero(),
					"tokenRequestTimeout must be positive");
			this.tokenRequestTimeout = tokenRequestTimeout;
			return this;
		}

		/** Clock that decides when a token is due for renewal. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Builds the token source. */
		public GenesysAccessTokens build() {
			return new GenesysAccessTokens(this);
		}

	}

}
