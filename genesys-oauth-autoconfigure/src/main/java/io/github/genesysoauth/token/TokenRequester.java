package io.github.genesysoauth.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.genesysoauth.token.TokenPauses.Failure;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;
import reactor.util.retry.Retry;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

/**
 * How a token source's requests travel: the registration of the moment, Spring Security's client-credentials
 * provider over the chosen transport, the timeout, the retries of faults that may heal within one flight, and the
 * {@code genesys.oauth.token.requests} observation of each request. It knows nothing of the token source's state.
 */
final class TokenRequester {

	private static final Log logger = LogFactory.getLog(TokenRequester.class);

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	// A compile-time constant, inlined: the context-propagation library it belongs with need not be present.
	private static final String OBSERVATION_KEY = ObservationThreadLocalAccessor.KEY;

	private final Supplier<ClientRegistration> registrationSource;

	private final Function<Clock, TokenAuthorizer> authorizers;

	private final Duration timeout;

	private final Clock clock;

	private final int maxAttempts;

	private final Duration initialBackoff;

	private final Duration maxBackoff;

	private final Scheduler scheduler;

	private final ObservationRegistry observationRegistry;

	private final @Nullable GenesysTokenObservationConvention observationConvention;

	private final String orgName;

	private final GenesysSettingNames settingNames;

	private volatile Client client;

	TokenRequester(GenesysAccessTokensBuilder builder) {
		ClientRegistration first = builder.registration;
		this.registrationSource = (builder.registrationSource != null) ? builder.registrationSource : () -> first;
		this.authorizers = (builder.authorizers != null) ? builder.authorizers
				: defaultAuthorizers(builder.tokenRequestTimeout);
		this.timeout = builder.tokenRequestTimeout;
		this.clock = builder.clock;
		this.maxAttempts = builder.maxAttempts;
		this.initialBackoff = builder.initialBackoff;
		this.maxBackoff = builder.maxBackoff;
		this.scheduler = builder.scheduler;
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.orgName = builder.orgName;
		this.settingNames = builder.settingNames;
		this.client = newClient(first);
	}

	// Only for a token source built by hand without a transport (the auto-configuration always gives one, with Boot's
	// HTTP client settings): WebClient where the application has it, else RestClient; either way, no Netty is needed.
	private static Function<Clock, TokenAuthorizer> defaultAuthorizers(Duration timeout) {
		if (ClassUtils.isPresent(WEB_CLIENT, TokenRequester.class.getClassLoader())) {
			return (clock) -> TokenAuthorizer.reactive(WebClientTokenResponseClients.create(), clock);
		}
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(timeout).build());
		requestFactory.setReadTimeout(timeout);
		RestClientTokenResponseClient client = new RestClientTokenResponseClient(
				RestClient.builder().requestFactory(requestFactory).build());
		return (clock) -> TokenAuthorizer.blocking(client, clock);
	}

	/** The client of the latest token request, or the first one before any: for messages and the token URI. */
	Client client() {
		return this.client;
	}

	Duration timeout() {
		return this.timeout;
	}

	String orgName() {
		return this.orgName;
	}

	/** Whether the credentials have changed since this failure: a pause after it ends at once. */
	boolean credentialsChanged(Failure failure) {
		ClientRegistration latest = this.registrationSource.get();
		ClientRegistration failed = failure.registration();
		return latest != failed && (!Objects.equals(latest.getClientId(), failed.getClientId())
				|| !Objects.equals(latest.getClientSecret(), failed.getClientSecret())
				|| !Objects.equals(latest.getProviderDetails().getTokenUri(), failed.getProviderDetails().getTokenUri()));
	}

	/**
	 * Starts one flight's token request with the registration of the moment: retried on faults that may heal when
	 * {@code retry} (a caller without a token waits for it), a single attempt otherwise (a renewal, which the pause
	 * after a failure paces). Exactly one of the two consumers is called, unless the returned subscription is
	 * disposed.
	 * @param closed whether the token source is closed: checked before each attempt
	 */
	Disposable send(ContextView context, boolean retry, BooleanSupplier closed,
			BiConsumer<OAuth2AccessToken, Instant> onToken, BiConsumer<Client, Throwable> onFailure) {
		Client current = latestClient();
		// Genesys counts a token's lifetime from when it issued it, before its answer arrives: each attempt notes when
		// it asked, so that neither a slow answer nor the attempts before it make a token seem to live longer
		return Mono.defer(() -> {
			if (closed.getAsBoolean()) {
				return Mono.error(current.failures::closed);
			}
			Instant askedAt = this.clock.instant();
			return request(current, context, closed).map((token) -> new Asked(token, askedAt));
		})
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
			.subscribe((asked) -> onToken.accept(asked.token(), asked.at()),
					(failure) -> onFailure.accept(current, failure));
	}

	private record Asked(OAuth2AccessToken token, Instant at) {
	}

	private Client latestClient() {
		Client current = this.client;
		ClientRegistration latest = this.registrationSource.get();
		if (latest == current.registration) {
			return current;
		}
		Client next = newClient(latest);
		this.client = next;
		return next;
	}

	private Client newClient(ClientRegistration registration) {
		return new Client(registration, this.authorizers.apply(this.clock), this.timeout, this.orgName,
				this.settingNames);
	}

	/** One token request, observed as {@code genesys.oauth.token.requests}, a child of the caller's observation. */
	private Mono<OAuth2AccessToken> request(Client current, ContextView context, BooleanSupplier closed) {
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
			.timeout(this.timeout)
			.onErrorMap(current.failures::translate)
			.doOnError(GenesysAuthenticationException.class, (failure) -> {
				observationContext.setFailure(failure);
				observation.error(failure);
			})
			// only close() cancels a token request
			.doOnCancel(() -> {
				if (closed.getAsBoolean() && observationContext.getFailure() == null) {
					observationContext.setFailure(current.failures.closed());
				}
			})
			.doFinally((signal) -> observation.stop());
		// the token endpoint's http.client.requests observation becomes a child of this one
		return observation.isNoop() ? request
				: request.contextWrite((reactorContext) -> reactorContext.put(OBSERVATION_KEY, observation));
	}

	/** Spring Security's client-credentials provider for one registration, and how its failures read. */
	static final class Client {

		final ClientRegistration registration;

		final URI tokenUri;

		final TokenRequestFailures failures;

		private final TokenAuthorizer authorizer;

		private final OAuth2AuthorizationContext authorizationContext;

		Client(ClientRegistration registration, TokenAuthorizer authorizer, Duration timeout, String orgName,
				GenesysSettingNames settingNames) {
			this.registration = registration;
			this.tokenUri = URI.create(registration.getProviderDetails().getTokenUri());
			this.authorizer = authorizer;
			this.authorizationContext = OAuth2AuthorizationContext.withClientRegistration(registration)
				.principal(UsernamePasswordAuthenticationToken.unauthenticated(registration.getClientId(), null))
				.build();
			this.failures = new TokenRequestFailures(this.tokenUri, registration.getClientId(), timeout, orgName,
					settingNames);
		}

	}

}
