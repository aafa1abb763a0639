package io.github.genesysoauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.github.genesysoauth.token.Backoff;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What a Platform API client does with each answer Genesys Cloud gives: the one place that decides when to renew
 * the token, what to retry, how long to wait and when to give up, for every transport ({@code WebClient},
 * {@code RestClient}, ...). A transport sends, asks {@link Call#decide} and carries out the {@link Decision}: it
 * waits, loops and reads bodies in its own way, and decides nothing.
 *
 * <ul>
 * <li><b>401</b>: the token is forgotten (once, however many requests saw it rejected), a new one obtained through
 * the single flight, and the request sent once more. A second 401 is returned as it came: never a loop. A 401 to
 * that renewed token tells the token source that Genesys rejects the tokens it issues, and token requests pause
 * (see {@link GenesysAccessTokens#unauthorized}); meanwhile 401s are returned as they came.</li>
 * <li><b>429</b>: sent again after the wait {@code Retry-After} asks for (seconds or an HTTP date), or after
 * exponential backoff with jitter where it asks for none, up to {@code maxAttempts}. A 429 that is not retried always
 * fails the call with {@link GenesysRateLimitException}, whatever the reason: attempts ran out, the wait asked for is
 * longer than {@code maxRetryAfter}, {@link GenesysRetry#disabled()}, or a body that cannot be sent again.</li>
 * <li><b>502, 503, 504</b>: retried like 429, but only for idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT,
 * DELETE) unless {@link GenesysRetry} says otherwise; when attempts run out the last response is returned.</li>
 * </ul>
 *
 * <p>Only requests for the API's origin (scheme, host and port of the base URL) get the token or any retry: the
 * token must not travel to other hosts, such as that of a presigned download link found in a Genesys response.
 */
public final class GenesysApiCallPolicy {

	static final String CORRELATION_ID = "ININ-Correlation-Id";

	private final GenesysAccessTokens tokens;

	private final URI apiBaseUrl;

	private final String apiScheme;

	private final String apiHost;

	private final int apiPort;

	private final GenesysRetrySettings retry;

	private final GenesysRetryListener listener;

	private final Clock clock;

	private final boolean followRedirects;

	private GenesysApiCallPolicy(Builder builder) {
		this.tokens = builder.tokens;
		this.apiBaseUrl = builder.apiBaseUrl;
		this.apiScheme = String.valueOf(builder.apiBaseUrl.getScheme());
		this.apiHost = String.valueOf(builder.apiBaseUrl.getHost());
		this.apiPort = port(builder.apiBaseUrl);
		this.retry = builder.retry;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.followRedirects = builder.followRedirects;
	}

	/**
	 * Starts describing a policy with the default retry settings.
	 * @param tokens the token source
	 * @param apiBaseUrl the Platform API base URL, whose origin alone receives the token
	 * @return a builder
	 */
	public static Builder builder(GenesysAccessTokens tokens, URI apiBaseUrl) {
		return new Builder(tokens, apiBaseUrl);
	}

	/** The Platform API base URL, whose origin alone receives the token. */
	public URI apiBaseUrl() {
		return this.apiBaseUrl;
	}

	/** The token source the calls take their tokens from. */
	public GenesysAccessTokens tokens() {
		return this.tokens;
	}

	/**
	 * Whether the URL is the API's origin, the only one that gets the token. Compared field by field: this runs for
	 * every request, so it allocates nothing.
	 */
	public boolean isApiOrigin(URI url) {
		return this.apiScheme.equalsIgnoreCase(url.getScheme()) && this.apiHost.equalsIgnoreCase(url.getHost())
				&& this.apiPort == port(url);
	}

	/**
	 * Whether an answer is the caller's as it is, with nothing to renew or retry, so that the hot path needs no
	 * {@link Call}. Such an answer (below 500) also tells the token source its token was accepted.
	 * @param status the HTTP status
	 * @param token the token the request carried
	 * @return {@code true} when the answer goes to the caller as it came
	 */
	public boolean isFinal(int status, OAuth2AccessToken token) {
		if (status == 401 || status == 429 || isRetryableServerError(status)) {
			return false;
		}
		accepted(status, token);
		return true;
	}

	/**
	 * Where an answer redirects the request to, when it is to be followed: the transports of the Genesys clients never
	 * follow a redirect on their own (JDK's HttpClient would copy {@code Authorization} to any host a
	 * {@code Location} names), they follow it here, hop by hop, and each hop gets the token only if it is for the
	 * API's origin and no hop before it left that origin (a server elsewhere cannot have the token sent where it
	 * points). A hop to another scheme, host or port than the one before also loses any {@code Authorization} and
	 * {@code Cookie} the application set itself, as browsers do. 303 (and 301 or 302 after a POST) turns into a GET without a body;
	 * 307 and 308 keep method and body. Written here rather than left to the HTTP client: no client Boot supports
	 * can be told to keep a header for one origin only.
	 * @param method the method of the request that got the answer
	 * @param url its URL
	 * @param status the answer's status
	 * @param headers the answer's headers
	 * @param hops how many redirects this call followed already
	 * @return the next hop, or {@code null} when the answer goes to the caller as it came: not a redirect, no
	 * {@code Location}, a {@code Location} that is not HTTP or goes from HTTPS to plain HTTP, redirects not followed ({@code spring.http.clients.redirects=dont-follow}), or
	 * {@value #MAX_REDIRECTS} followed already
	 */
	public @Nullable Redirect redirect(HttpMethod method, URI url, int status, HttpHeaders headers, int hops) {
		if (!this.followRedirects || hops >= MAX_REDIRECTS || !isRedirect(status)) {
			return null;
		}
		String location = headers.getFirst(HttpHeaders.LOCATION);
		if (location == null || location.isBlank()) {
			return null;
		}
		URI target;
		try {
			target = url.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (target.getScheme() == null || target.getHost() == null || !isHttp(target.getScheme())
				|| ("https".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(target.getScheme()))) {
			// not HTTP, or from HTTPS down to plain HTTP, where a body, cookies and headers would travel in clear
			return null;
		}
		boolean toGet = (status == 303 && !HttpMethod.HEAD.equals(method))
				|| ((status == 301 || status == 302) && HttpMethod.POST.equals(method));
		boolean sameOrigin = url.getScheme().equalsIgnoreCase(target.getScheme())
				&& String.valueOf(url.getHost()).equalsIgnoreCase(target.getHost()) && port(url) == port(target);
		return new Redirect(target, toGet ? HttpMethod.GET : method, !toGet, sameOrigin);
	}

	/** How many redirects one call follows at most (as many as JDK's HttpClient), before the answer is returned. */
	public static final int MAX_REDIRECTS = 5;

	private static boolean isHttp(String scheme) {
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

	/**
	 * One hop of a redirect.
	 *
	 * @param url where it goes
	 * @param method its method
	 * @param keepBody whether it carries the request's body (307 and 308)
	 * @param sameOrigin whether it stays on the scheme, host and port of the hop before, so that it may keep the
	 * {@code Authorization} the application set
	 */
	public record Redirect(URI url, HttpMethod method, boolean keepBody, boolean sameOrigin) {

	}

	/**
	 * Starts one call.
	 * @param method its method
	 * @param url its URL
	 * @param attributes its request attributes, where {@link GenesysRetry} choices are
	 * @param replayable whether its body can be sent again, asked when a retry is due (a body may be known to be
	 * repeatable only once it was written)
	 * @return the call, with no attempt made yet
	 */
	public Call call(HttpMethod method, URI url, Map<String, Object> attributes, BooleanSupplier replayable) {
		return new Call(method, url, attributes, replayable);
	}

	// a 5xx may come from a gateway before Genesys looked at the token: it says nothing about the token
	private void accepted(int status, OAuth2AccessToken token) {
		if (status < 500) {
			this.tokens.accepted(token);
		}
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	// the server errors a gateway gives while Genesys is busy or restarting; others (500 above all) will not heal
	private static boolean isRetryableServerError(int status) {
		return status == 502 || status == 503 || status == 504;
	}

	private static boolean isIdempotent(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
				|| HttpMethod.TRACE.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method);
	}

	private static String describe(Duration duration) {
		return (duration == RetryAfter.UNBOUNDED) ? "an unbounded time"
				: (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
	}

	/** One call: its attempts, and whether its token was renewed already. Used by one thread at a time. */
	public final class Call {

		private final HttpMethod method;

		private final URI url;

		private final Map<String, Object> attributes;

		private final BooleanSupplier replayable;

		private int attempts;

		private boolean renewed;

		private Call(HttpMethod method, URI url, Map<String, Object> attributes, BooleanSupplier replayable) {
			this.method = method;
			this.url = url;
			this.attributes = attributes;
			this.replayable = replayable;
		}

		/** Counts an attempt; the transport calls it before each send. */
		public void sending() {
			this.attempts++;
		}

		/** How many times the request was sent. */
		public int attempts() {
			return this.attempts;
		}

		/**
		 * What to do with an answer; a retry is told to the listener before the transport waits for it.
		 * @param status the HTTP status
		 * @param headers the answer's headers, for {@code Retry-After} and the correlation id
		 * @param token the token the request carried
		 * @return the decision
		 */
		public Decision decide(int status, HttpHeaders headers, OAuth2AccessToken token) {
			if (status == 401) {
				return unauthorized(token);
			}
			accepted(status, token);
			if (status == 429) {
				return rateLimited(headers);
			}
			if (isRetryableServerError(status) && retriesServerErrors()) {
				return serverError(headers);
			}
			return Decision.RESPOND;
		}

		private Decision unauthorized(OAuth2AccessToken token) {
			boolean renew = GenesysApiCallPolicy.this.tokens.unauthorized(token);
			if (!renew || this.renewed || !this.replayable.getAsBoolean()) {
				return Decision.RESPOND;
			}
			this.renewed = true;
			return retry(GenesysRetryReason.UNAUTHORIZED, Duration.ZERO);
		}

		private Decision rateLimited(HttpHeaders headers) {
			GenesysRetrySettings settings = GenesysApiCallPolicy.this.retry;
			Duration asked = retryAfter(headers);
			if (retryDisabled()) {
				return fail(headers, asked, "retries are off for this request (GenesysRetry.disabled())");
			}
			if (!this.replayable.getAsBoolean()) {
				return fail(headers, asked, "its body was written as a stream, which cannot be sent again");
			}
			if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
				return fail(headers, asked, "asked to wait " + describe(asked)
						+ ", longer than genesys.oauth.retry.max-retry-after (" + describe(settings.maxRetryAfter())
						+ ")");
			}
			if (this.attempts >= settings.maxAttempts()) {
				return fail(headers, asked,
						"still rate limited after " + this.attempts + ((this.attempts == 1) ? " attempt" : " attempts")
								+ " (genesys.oauth.retry.max-attempts)");
			}
			return retry(GenesysRetryReason.RATE_LIMITED, (asked != null) ? asked : backoff());
		}

		private Decision serverError(HttpHeaders headers) {
			GenesysRetrySettings settings = GenesysApiCallPolicy.this.retry;
			if (this.attempts >= settings.maxAttempts() || !this.replayable.getAsBoolean()) {
				return Decision.RESPOND;
			}
			Duration asked = retryAfter(headers);
			if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
				return Decision.RESPOND;
			}
			return retry(GenesysRetryReason.SERVER_ERROR, (asked != null) ? asked : backoff());
		}

		private Decision retry(GenesysRetryReason reason, Duration wait) {
			GenesysApiCallPolicy.this.listener.onRetry(reason, this.method, this.url);
			return new Decision(Decision.Action.RETRY, reason, wait, null, null, null);
		}

		private Decision fail(HttpHeaders headers, @Nullable Duration asked, String what) {
			String correlationId = headers.getFirst(CORRELATION_ID);
			String message = "Genesys Cloud rate limit: " + this.method + " " + this.url + " was answered 429, " + what
					+ "; correlation id " + correlationId + ". "
					+ "Spread the calls out (Genesys allows 300 requests per minute per token unless raised), "
					+ "or raise genesys.oauth.retry.max-attempts or max-retry-after.";
			return new Decision(Decision.Action.FAIL, null, Duration.ZERO, message, asked, correlationId);
		}

		private @Nullable Duration retryAfter(HttpHeaders headers) {
			return RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), GenesysApiCallPolicy.this.clock);
		}

		private Duration backoff() {
			GenesysRetrySettings settings = GenesysApiCallPolicy.this.retry;
			return Backoff.after(settings.initialBackoff(), settings.maxBackoff(), this.attempts);
		}

		private boolean retryDisabled() {
			return Boolean.TRUE.equals(this.attributes.get(GenesysRetry.DISABLED_ATTRIBUTE));
		}

		private boolean retriesServerErrors() {
			if (retryDisabled()) {
				return false;
			}
			Object choice = this.attributes.get(GenesysRetry.SERVER_ERRORS_ATTRIBUTE);
			return (choice instanceof Boolean chosen) ? chosen : isIdempotent(this.method);
		}

		/**
		 * The exception a {@link Decision.Action#FAIL} becomes, from the last response as the transport read it.
		 * @param decision the failing decision
		 * @param statusText the response's status text
		 * @param headers the response's headers
		 * @param body the response's body
		 * @return the exception to fail the call with
		 */
		public GenesysRateLimitException rateLimitException(Decision decision, String statusText,
				HttpHeaders headers, byte[] body) {
			return new GenesysRateLimitException(Objects.requireNonNull(decision.message()), statusText, headers, body,
					decision.retryAfter(), decision.correlationId(), this.attempts);
		}

	}

	/**
	 * What a transport does with an answer.
	 *
	 * @param action respond, retry or fail
	 * @param reason why it retries, for {@link Action#RETRY}
	 * @param delay how long it waits before the retry ({@link Duration#ZERO} after a 401)
	 * @param message the failure's message, for {@link Action#FAIL}
	 * @param retryAfter the wait Genesys asked for, for {@link Action#FAIL}; {@code null} when none
	 * @param correlationId Genesys's correlation id of the answer, for {@link Action#FAIL}
	 */
	public record Decision(Action action, @Nullable GenesysRetryReason reason, Duration delay, @Nullable String message,
			@Nullable Duration retryAfter, @Nullable String correlationId) {

		static final Decision RESPOND = new Decision(Action.RESPOND, null, Duration.ZERO, null, null, null);

		/** What a transport does. */
		public enum Action {

			/** Give the answer to the caller as it came. */
			RESPOND,

			/**
			 * Release the answer, wait, take a token from {@link GenesysAccessTokens#accessToken()} (a renewed one
			 * after a 401) and send the request again.
			 */
			RETRY,

			/** Read the answer and fail the call with {@link Call#rateLimitException}. */
			FAIL

		}

	}

	/** Describes a policy. */
	public static final class Builder {

		private final GenesysAccessTokens tokens;

		private final URI apiBaseUrl;

		private GenesysRetrySettings retry = GenesysRetrySettings.DEFAULTS;

		private GenesysRetryListener listener = GenesysRetryListener.NONE;

		private Clock clock = Clock.systemUTC();

		private boolean followRedirects = true;

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

		/**
		 * Whether redirects are followed (the default), within the API's origin with the token and to another origin
		 * without it; see {@link GenesysApiCallPolicy#redirect}.
		 */
		public Builder followRedirects(boolean followRedirects) {
			this.followRedirects = followRedirects;
			return this;
		}

		/** Builds the policy. */
		public GenesysApiCallPolicy build() {
			return new GenesysApiCallPolicy(this);
		}

	}

}
