package io.github.genesysoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.util.Assert;

/**
 * Describes the {@link GenesysAccessTokens} of one OAuth client. Start with {@link GenesysAccessTokens#builder}.
 */
public final class GenesysAccessTokensBuilder {

	final ClientRegistration registration;

	@Nullable Supplier<ClientRegistration> registrationSource;

	@Nullable Function<Clock, TokenAuthorizer> authorizers;

	Duration refreshBeforeExpiry = Duration.ofSeconds(60);

	Duration tokenRequestTimeout = Duration.ofSeconds(10);

	Clock clock = Clock.systemUTC();

	int maxAttempts = 3;

	Duration initialBackoff = Duration.ofMillis(500);

	Duration maxBackoff = Duration.ofSeconds(1);

	Duration maxRefusalBackoff = Duration.ofMinutes(5);

	Scheduler scheduler = Schedulers.parallel();

	ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	String orgName = GenesysAccessTokens.DEFAULT_ORG;

	GenesysSettingNames settingNames = GenesysSettingNames.CODE;

	GenesysRateLimitSettings rateLimit = GenesysRateLimitSettings.DEFAULTS;

	@Nullable GenesysTokenObservationConvention observationConvention;

	GenesysAccessTokensBuilder(ClientRegistration registration) {
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
	 * @param registrationSource the source of the current registration
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder registrationSource(Supplier<ClientRegistration> registrationSource) {
		Objects.requireNonNull(registrationSource, "registrationSource");
		this.registrationSource = () -> checked(registrationSource.get());
		return this;
	}

	/**
	 * How token requests travel, for a reactive client such as {@link WebClientTokenResponseClients#of}, built from
	 * Boot's builder to get its metrics. By default a plain WebClient where WebClient is on the
	 * classpath, else a RestClient on the JDK's HTTP client with {@code tokenRequestTimeout} as its read timeout.
	 * @param tokenResponseClient how token requests travel, for a reactive client such as {@link
	 * WebClientTokenResponseClients#of}, built from Boot's builder to get its metrics
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder tokenResponseClient(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		Objects.requireNonNull(tokenResponseClient, "tokenResponseClient");
		this.authorizers = (clock) -> TokenAuthorizer.reactive(tokenResponseClient, clock);
		return this;
	}

	/**
	 * How token requests travel, for a blocking client such as {@link RestClientTokenResponseClient}: each request
	 * runs on a thread of Reactor's bounded elastic scheduler.
	 * @param tokenResponseClient how token requests travel, for a blocking client such as {@link
	 * RestClientTokenResponseClient}: each request runs on a thread of Reactor's bounded elastic scheduler
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder blockingTokenResponseClient(
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient) {
		Objects.requireNonNull(tokenResponseClient, "tokenResponseClient");
		this.authorizers = (clock) -> TokenAuthorizer.blocking(tokenResponseClient, clock);
		return this;
	}

	/**
	 * How long before expiry a token is renewed; capped at half the token's lifetime.
	 * @param refreshBeforeExpiry how long before expiry a token is renewed; capped at half the token's lifetime
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder refreshBeforeExpiry(Duration refreshBeforeExpiry) {
		this.refreshBeforeExpiry = positive(refreshBeforeExpiry, "refreshBeforeExpiry");
		return this;
	}

	/**
	 * Longest wait for one answer of the token endpoint.
	 * @param tokenRequestTimeout longest wait for one answer of the token endpoint
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder tokenRequestTimeout(Duration tokenRequestTimeout) {
		this.tokenRequestTimeout = positive(tokenRequestTimeout, "tokenRequestTimeout");
		return this;
	}

	/**
	 * Token requests per flight when the token endpoint fails in a way that may heal; 1 for no retry.
	 * @param maxAttempts token requests per flight when the token endpoint fails in a way that may heal; 1 for no
	 * retry
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder maxAttempts(int maxAttempts) {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		this.maxAttempts = maxAttempts;
		return this;
	}

	/**
	 * First backoff after a token endpoint fault, doubled after each further one.
	 * @param initialBackoff first backoff after a token endpoint fault, doubled after each further one
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder initialBackoff(Duration initialBackoff) {
		this.initialBackoff = positive(initialBackoff, "initialBackoff");
		return this;
	}

	/**
	 * Longest backoff between token requests while the token endpoint keeps failing.
	 * @param maxBackoff longest backoff between token requests while the token endpoint keeps failing
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder maxBackoff(Duration maxBackoff) {
		this.maxBackoff = positive(maxBackoff, "maxBackoff");
		return this;
	}

	/**
	 * Longest pause between token requests while Genesys keeps refusing the credentials.
	 * @param maxRefusalBackoff longest pause between token requests while Genesys keeps refusing the credentials
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder maxRefusalBackoff(Duration maxRefusalBackoff) {
		this.maxRefusalBackoff = positive(maxRefusalBackoff, "maxRefusalBackoff");
		return this;
	}

	/**
	 * Scheduler the backoff between retried token requests waits on.
	 * @param scheduler scheduler the backoff between retried token requests waits on
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder scheduler(Scheduler scheduler) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		return this;
	}

	/**
	 * Registry the {@code genesys.oauth.token.requests} observation of each token request goes to; none by
	 * default.
	 * @param observationRegistry registry the {@code genesys.oauth.token.requests} observation of each token request
	 * goes to; none by default
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder observationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
		return this;
	}

	/**
	 * Convention that names and tags the observation, instead of the default one; {@code null} for the default.
	 * @param observationConvention convention that names and tags the observation, instead of the default one; {@code
	 * null} for the default
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder observationConvention(@Nullable GenesysTokenObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
		return this;
	}

	/**
	 * Name of the Genesys org these tokens are for, the {@code org} tag of its meters; {@code default} by default.
	 * @param orgName name of the Genesys org these tokens are for, the {@code org} tag of its meters; {@code default}
	 * by default
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder orgName(String orgName) {
		this.orgName = Objects.requireNonNull(orgName, "orgName");
		return this;
	}

	/**
	 * How failure messages name this org's settings: the properties they come from; by default as in code.
	 * @param settingNames how failure messages name this org's settings: the properties they come from; by default as
	 * in code
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder settingNames(GenesysSettingNames settingNames) {
		this.settingNames = Objects.requireNonNull(settingNames, "settingNames");
		return this;
	}

	/**
	 * How the clients of these tokens keep under Genesys's limit of requests per minute per token (see
	 * {@link GenesysRateLimit}); by default they keep no account ({@link GenesysRateLimitSettings#OFF}).
	 * @param rateLimit how the clients of these tokens keep under Genesys's limit of requests per minute per token
	 * (see {@link GenesysRateLimit}); by default they keep no account ({@link GenesysRateLimitSettings#OFF})
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder rateLimit(GenesysRateLimitSettings rateLimit) {
		this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
		return this;
	}

	/**
	 * Clock that decides when a token is due for renewal and when a pause after failures ends.
	 * @param clock clock that decides when a token is due for renewal and when a pause after failures ends
	 * @return this builder
	 */
	public GenesysAccessTokensBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * Builds the token source.
	 * @return the token source
	 */
	public GenesysAccessTokens build() {
		return new GenesysAccessTokens(this);
	}

	private static Duration positive(@Nullable Duration duration, String name) {
		Assert.isTrue(duration != null && !duration.isNegative() && !duration.isZero(),
				() -> name + " must be positive");
		return duration;
	}

}
