package io.github.genesysoauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.github.genesysoauth.token.Backoff;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The Platform API side of {@code genesysWebClient}: sends each request with {@code Authorization: Bearer <token>}
 * from {@link GenesysAccessTokens}, and recovers what Genesys lets a client recover.
 *
 * <ul>
 * <li><b>401</b>: the token is forgotten (once, however many requests saw it rejected), a new one obtained through
 * the single flight, and the request sent once more. A second 401 is returned as it came: never a loop. A 401 to
 * that renewed token tells the token source that Genesys rejects the tokens it issues, and token requests pause
 * (see {@link GenesysAccessTokens#unauthorized}); meanwhile 401s are returned as they came.</li>
 * <li><b>429</b>: the request is sent again after the wait {@code Retry-After} asks for (seconds or an HTTP date),
 * or after exponential backoff with jitter where it asks for none, up to {@code maxAttempts}. A 429 that is not
 * retried always fails the call with {@link GenesysRateLimitException}, whatever the reason: attempts ran out, the
 * wait asked for is longer than {@code maxRetryAfter}, {@link GenesysRetry#disabled()}, or a body that cannot be
 * sent again. So {@code retrieve()} and {@code exchangeToMono()} alike see an error, never a 429 response.</li>
 * <li><b>502, 503, 504</b>: retried like 429, but only for idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT,
 * DELETE) unless {@link GenesysRetry} says otherwise; when attempts run out the last response is returned.</li>
 * </ul>
 *
 * <p>Waiting never blocks: retries are scheduled on a Reactor {@link Scheduler}, and a wait ends when the token
 * source is closed (the call then fails with error {@code closed}). A retried request carries the same body, byte
 * for byte; a body written as a stream (a {@code Flux}, multipart) may not be repeatable and its request is never
 * retried: a 401 or 5xx response is returned as it came, a 429 fails as above.
 *
 * <p>Only requests for the API's origin (scheme, host and port of the base URL) get the token or any retry. A
 * request for an absolute URL elsewhere, such as a presigned download link found in a Genesys response, is sent as
 * it is: the token must not travel to other hosts, and such links carry their own authorization.
 */
public final class GenesysApiExchangeFilter implements ExchangeFilterFunction {

	static final String CORRELATION_ID = "ININ-Correlation-Id";

	private final GenesysAccessTokens tokens;

	private final String apiScheme;

	private final String apiHost;

	private final int apiPort;

	private final GenesysRetrySettings retry;

	private final GenesysRetryListener listener;

	private final Clock clock;

	private final Scheduler scheduler;

	private GenesysApiExchangeFilter(Builder builder) {
		this.tokens = builder.tokens;
		this.apiScheme = String.valueOf(builder.apiBaseUrl.getScheme());
		this.apiHost = String.valueOf(builder.apiBaseUrl.getHost());
		this.apiPort = port(builder.apiBaseUrl);
		this.retry = builder.retry;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.scheduler = builder.scheduler;
	}

	/**
	 * Starts describing a filter with the default retry settings.
	 * @param tokens the token source
	 * @param apiBaseUrl the Platform API base URL, whose origin alone receives the token
	 * @return a builder
	 */
	public static Builder builder(GenesysAccessTokens tokens, URI apiBaseUrl) {
		return new Builder(tokens, apiBaseUrl);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!isApiOrigin(request.url())) {
			return next.exchange(request);
		}
		// The hot path, a request without a body while the token is fresh: no Mono for the token, and no state for
		// retries unless the answer calls for one.
		OAuth2AccessToken token = (request.body() == BodyInserters.empty()) ? this.tokens.freshToken() : null;
		if (token == null) {
			return new Exchange(request, next).attempt();
		}
		return next.exchange(withToken(request, token).build())
			.flatMap((response) -> isFinal(response) ? accepted(response, token)
					: new Exchange(request, next).decideFirst(response, token));
	}

	// a 5xx may come from a gateway before Genesys looked at the token: it says nothing about the token
	private Mono<ClientResponse> accepted(ClientResponse response, OAuth2AccessToken token) {
		if (response.statusCode().value() < 500) {
			this.tokens.accepted(token);
		}
		return Mono.just(response);
	}

	private static ClientRequest.Builder withToken(ClientRequest request, OAuth2AccessToken token) {
		String value = token.getTokenValue();
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(value));
	}

	/** Whether the answer is the caller's as it is: nothing to renew or retry. */
	private static boolean isFinal(ClientResponse response) {
		int status = response.statusCode().value();
		return status != 401 && status != 429 && status != 502 && status != 503 && status != 504;
	}

	// Compared field by field: this runs for every request, so it allocates nothing.
	private boolean isApiOrigin(URI url) {
		return this.apiScheme.equalsIgnoreCase(url.getScheme()) && this.apiHost.equalsIgnoreCase(url.getHost())
				&& this.apiPort == port(url);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static boolean isIdempotent(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
				|| HttpMethod.TRACE.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method);
	}

	/** One call: its attempts, and whether its token was renewed already. */
	private final class Exchange {

		private final ClientRequest request;

		private final ExchangeFunction next;

		private final @Nullable ReplayableBody body;

		private int attempts;

		private boolean renewed;

		Exchange(ClientRequest request, ExchangeFunction next) {
			this.request = request;
			this.next = next;
			this.body = (request.body() == BodyInserters.empty()) ? null : new ReplayableBody(request.body());
		}

		Mono<ClientResponse> attempt() {
			return GenesysApiExchangeFilter.this.tokens.accessToken().flatMap(this::send);
		}

		/** Takes over after a first attempt made on the hot path. */
		Mono<ClientResponse> decideFirst(ClientResponse response, OAuth2AccessToken token) {
			this.attempts = 1;
			return decide(response, token);
		}

		private Mono<ClientResponse> send(OAuth2AccessToken token) {
			this.attempts++;
			ClientRequest.Builder attempt = withToken(this.request, token);
			if (this.body != null) {
				attempt.body(this.body.inserter());
			}
			return this.next.exchange(attempt.build()).flatMap((response) -> decide(response, token));
		}

		private Mono<ClientResponse> decide(ClientResponse response, OAuth2AccessToken token) {
			int status = response.statusCode().value();
			if (status == 401) {
				return unauthorized(response, token);
			}
			if (status == 429) {
				GenesysApiExchangeFilter.this.tokens.accepted(token);
				return rateLimited(response);
			}
			if ((status == 502 || status == 503 || status == 504) && retriesServerErrors()) {
				return serverError(response);
			}
			return accepted(response, token);
		}

		private Mono<ClientResponse> unauthorized(ClientResponse response, OAuth2AccessToken token) {
			boolean renew = GenesysApiExchangeFilter.this.tokens.unauthorized(token, this.renewed);
			if (!renew || this.renewed || !canReplay()) {
				return Mono.just(response);
			}
			this.renewed = true;
			GenesysApiExchangeFilter.this.listener.onRetry(GenesysRetryReason.UNAUTHORIZED, this.request);
			return response.releaseBody().then(Mono.defer(this::attempt));
		}

		private Mono<ClientResponse> rateLimited(ClientResponse response) {
			GenesysRetrySettings settings = GenesysApiExchangeFilter.this.retry;
			Duration asked = RetryAfter.parse(response.headers().asHttpHeaders().getFirst("Retry-After"),
					GenesysApiExchangeFilter.this.clock);
			if (retryDisabled()) {
				return rateLimitFailure(response, asked, "retries are off for this request (GenesysRetry.disabled())");
			}
			if (!canReplay()) {
				return rateLimitFailure(response, asked,
						"its body was written as a stream, which cannot be sent again");
			}
			if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
				return rateLimitFailure(response, asked, "asked to wait " + describe(asked)
						+ ", longer than genesys.oauth.retry.max-retry-after (" + describe(settings.maxRetryAfter())
						+ ")");
			}
			if (this.attempts >= settings.maxAttempts()) {
				return rateLimitFailure(response, asked,
						"still rate limited after " + this.attempts + ((this.attempts == 1) ? " attempt" : " attempts")
								+ " (genesys.oauth.retry.max-attempts)");
			}
			return again(response, GenesysRetryReason.RATE_LIMITED, (asked != null) ? asked : backoff());
		}

		private Mono<ClientResponse> serverError(ClientResponse response) {
			GenesysRetrySettings settings = GenesysApiExchangeFilter.this.retry;
			if (this.attempts >= settings.maxAttempts() || !canReplay()) {
				return Mono.just(response);
			}
			Duration asked = RetryAfter.parse(response.headers().asHttpHeaders().getFirst("Retry-After"),
					GenesysApiExchangeFilter.this.clock);
			if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
				return Mono.just(response);
			}
			return again(response, GenesysRetryReason.SERVER_ERROR, (asked != null) ? asked : backoff());
		}

		private Mono<ClientResponse> again(ClientResponse response, GenesysRetryReason reason, Duration wait) {
			GenesysApiExchangeFilter.this.listener.onRetry(reason, this.request);
			// the wait ends early when the token source closes; the attempt after it then fails with error closed
			return response.releaseBody()
				.then(Mono.delay(wait, GenesysApiExchangeFilter.this.scheduler)
					.then()
					.or(GenesysApiExchangeFilter.this.tokens.whenClosed()))
				.then(Mono.defer(this::attempt));
		}

		private Duration backoff() {
			GenesysRetrySettings settings = GenesysApiExchangeFilter.this.retry;
			return Backoff.after(settings.initialBackoff(), settings.maxBackoff(), this.attempts);
		}

		private Mono<ClientResponse> rateLimitFailure(ClientResponse response, @Nullable Duration asked,
				String what) {
			String correlationId = response.headers().asHttpHeaders().getFirst(CORRELATION_ID);
			String message = "Genesys Cloud rate limit: " + this.request.method() + " " + this.request.url()
					+ " was answered 429, " + what + "; correlation id " + correlationId + ". "
					+ "Spread the calls out (Genesys allows 300 requests per minute per token unless raised), "
					+ "or raise genesys.oauth.retry.max-attempts or max-retry-after.";
			int attemptsMade = this.attempts;
			return response.createException()
				.flatMap((exception) -> Mono.error(
						new GenesysRateLimitException(message, exception, asked, correlationId, attemptsMade)));
		}

		private boolean canReplay() {
			return this.body == null || this.body.canReplay();
		}

		private boolean retryDisabled() {
			return Boolean.TRUE.equals(this.request.attributes().get(GenesysRetry.DISABLED_ATTRIBUTE));
		}

		private boolean retriesServerErrors() {
			if (retryDisabled()) {
				return false;
			}
			Object choice = this.request.attributes().get(GenesysRetry.SERVER_ERRORS_ATTRIBUTE);
			return (choice instanceof Boolean chosen) ? chosen : isIdempotent(this.request.method());
		}

		private static String describe(Duration duration) {
			return (duration == RetryAfter.UNBOUNDED) ? "an unbounded time"
					: (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
		}

	}

	/** Describes a filter. */
	public static final class Builder {

		private final GenesysAccessTokens tokens;

		private final URI apiBaseUrl;

		private GenesysRetrySettings retry = GenesysRetrySettings.DEFAULTS;

		private GenesysRetryListener listener = GenesysRetryListener.NONE;

		private Clock clock = Clock.systemUTC();

		private Scheduler scheduler = Schedulers.parallel();

		private Builder(GenesysAccessTokens tokens, URI apiBaseUrl) {
			this.tokens = Objects.requireNonNull(tokens, "tokens");
			this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
		}

		/** How 429, 502, 503 and 504 are retried. */
		public Builder retry(GenesysRetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry");
			return this;
		}

		/** Told of every retry, e.g. to count them. */
		public Builder listener(GenesysRetryListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/** Clock a {@code Retry-After} date is compared with. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Scheduler the waits before retries run on; Reactor's parallel scheduler unless told otherwise. */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
			return this;
		}

		/** Builds the filter. */
		public GenesysApiExchangeFilter build() {
			return new GenesysApiExchangeFilter(this);
		}

	}

}
