package io.github.genesysoauth.client;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimit;
import io.github.genesysoauth.token.GenesysRateLimit.Pacing;
import io.github.genesysoauth.token.GenesysSettingNames;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * What a Platform API client does with each answer Genesys Cloud gives: the one place that decides when to renew
 * the token, what to retry, how long to wait and when to give up, for every transport ({@code WebClient},
 * {@code RestClient}, ...). A transport sends, asks the call it starts here what to do with each answer and carries
 * that out: it waits, loops and reads bodies in its own way, and decides nothing.
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
 * <p>Before each request is sent, its token's rate-limit budget ({@link GenesysAccessTokens#rateLimit()}) may hold
 * it back, so that Genesys never has to refuse it: every answer's {@code inin-ratelimit-*} headers and every 429 teach
 * the budget where the token stands, and a request that would have to wait longer than the budget's {@code maxWait}
 * fails at once with {@link GenesysRateLimitException}, unsent.
 *
 * <p>Only requests for the API's origin (scheme, host and port of the base URL) get the token or any retry: the
 * token must not travel to other hosts, such as that of a presigned download link found in a Genesys response.
 *
 * <p>Every wait (before a retry, for the rate limit) is timed on the policy's Reactor {@link Scheduler}; a blocking
 * transport waits on its caller's thread for that timer.
 */
public final class GenesysApiCallPolicy {

	static final String CORRELATION_ID = "ININ-Correlation-Id";

	static final String RATE_LIMIT_COUNT = "inin-ratelimit-count";

	static final String RATE_LIMIT_ALLOWED = "inin-ratelimit-allowed";

	static final String RATE_LIMIT_RESET = "inin-ratelimit-reset";

	private final GenesysAccessTokens tokens;

	private final URI apiBaseUrl;

	private final String apiScheme;

	private final String apiHost;

	private final int apiPort;

	private final GenesysRetrySettings retry;

	private final GenesysRetryListener listener;

	private final Clock clock;

	private final boolean followRedirects;

	private final GenesysSettingNames settingNames;

	private final GenesysRateLimit rateLimit;

	private final boolean rateLimitOn;

	private final Scheduler scheduler;

	private GenesysApiCallPolicy(Builder builder) {
		this.tokens = builder.tokens;
		this.apiBaseUrl = builder.apiBaseUrl;
		this.apiScheme = String.valueOf(builder.apiBaseUrl.getScheme());
		this.apiHost = String.valueOf(builder.apiBaseUrl.getHost());
		this.apiPort = Redirect.port(builder.apiBaseUrl);
		this.retry = builder.retry;
		this.listener = builder.listener;
		this.clock = builder.clock;
		this.followRedirects = builder.followRedirects;
		this.settingNames = builder.settingNames;
		this.rateLimit = builder.tokens.rateLimit();
		this.rateLimitOn = this.rateLimit.isOn();
		this.scheduler = builder.scheduler;
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

	/** {@return the Platform API base URL, whose origin alone receives the token} */
	public URI apiBaseUrl() {
		return this.apiBaseUrl;
	}

	/** {@return the token source the calls take their tokens from} */
	public GenesysAccessTokens tokens() {
		return this.tokens;
	}

	GenesysRetrySettings retry() {
		return this.retry;
	}

	GenesysRetryListener listener() {
		return this.listener;
	}

	Clock clock() {
		return this.clock;
	}

	GenesysSettingNames settingNames() {
		return this.settingNames;
	}

	/** The scheduler every wait is timed on. */
	Scheduler scheduler() {
		return this.scheduler;
	}

	/**
	 * Whether the URL is the API's origin, the only one that gets the token. Compared field by field: this runs for
	 * every request, so it allocates nothing.
	 * @param url the URL a request is about to be sent to
	 * @return whether the URL is the API's origin, the only one that gets the token
	 */
	public boolean isApiOrigin(URI url) {
		return this.apiScheme.equalsIgnoreCase(url.getScheme()) && this.apiHost.equalsIgnoreCase(url.getHost())
				&& this.apiPort == Redirect.port(url);
	}

	/**
	 * Whether an answer is the caller's as it is, with nothing to renew or retry, so that the hot path needs no
	 * call. Such an answer (below 500) also tells the token source its token was accepted, and its rate-limit headers
	 * tell the token's budget where it stands.
	 * @param status the HTTP status
	 * @param headers the answer's headers
	 * @param token the token the request carried
	 * @return {@code true} when the answer goes to the caller as it came
	 */
	public boolean isFinal(int status, HttpHeaders headers, OAuth2AccessToken token) {
		if (status == 401 || status == 429 || isRetryableServerError(status)) {
			return false;
		}
		accepted(status, token);
		report(headers, token);
		return true;
	}

	/**
	 * Takes the slot of the token's rate-limit budget that a request is about to be sent in.
	 * @param method the request's method
	 * @param url the request's URL
	 * @param token the token it carries
	 * @param attempts how many times it was sent before
	 * @return the slot: when it {@linkplain Pacing#waits() waits}, the transport waits its delay and then
	 * {@linkplain #confirm confirms} it; otherwise the request is sent at once
	 * @throws GenesysRateLimitException when the wait would be longer than the budget's {@code maxWait}: the request
	 * is not to be sent
	 */
	Pacing pace(HttpMethod method, URI url, OAuth2AccessToken token, int attempts) {
		return this.rateLimitOn ? told(this.rateLimit.reserve(token), method, url, attempts) : Pacing.go();
	}

	/**
	 * Confirms a slot whose wait is over: the request is sent now, waits on, or is refused, as {@link #pace} says.
	 * @param slot the slot waited for
	 * @param method the request's method
	 * @param url the request's URL
	 * @param attempts how many times it was sent before
	 * @return what the request does now
	 * @throws GenesysRateLimitException when a later slot would be further off than the budget's {@code maxWait}
	 */
	Pacing confirm(Pacing slot, HttpMethod method, URI url, int attempts) {
		// a call held back is told to the listener once, with the wait it was first given: a further wait is not
		return notRefused(this.rateLimit.confirm(slot), method, url, attempts);
	}

	/**
	 * Gives up the slot of a call that stopped waiting for it (cancelled, interrupted), for others to take.
	 * @param slot the slot it waited for
	 */
	void release(Pacing slot) {
		this.rateLimit.release(slot);
	}

	private Pacing told(Pacing pacing, HttpMethod method, URI url, int attempts) {
		if (notRefused(pacing, method, url, attempts).waits()) {
			this.listener.onPaced(pacing.delay(), method, url);
		}
		return pacing;
	}

	private Pacing notRefused(Pacing pacing, HttpMethod method, URI url, int attempts) {
		if (pacing.isRefused()) {
			this.listener.onPacingRefused(pacing.delay(), method, url);
			throw refused(method, url, pacing, attempts);
		}
		return pacing;
	}

	private GenesysRateLimitException refused(HttpMethod method, URI url, Pacing pacing, int attempts) {
		String maxWait = this.settingNames.shared("rate-limit.max-wait");
		String message = "Genesys Cloud rate limit: " + method + " " + url + " was not sent: its token has used the "
				+ pacing.allowed() + " requests a minute Genesys allows it, and its next free slot is in "
				+ ApiCall.describe(pacing.delay()) + ", longer than " + maxWait + " ("
				+ ApiCall.describe(this.rateLimit.settings().maxWait()) + "). Spread the calls out, or raise " + maxWait
				+ ".";
		return GenesysRateLimitException.refused(message, pacing.delay(), attempts);
	}

	// what Genesys says of the token's budget, on every answer that carries it
	void report(HttpHeaders headers, OAuth2AccessToken token) {
		if (this.rateLimitOn) {
			this.rateLimit.report(token, headers.getFirst(RATE_LIMIT_COUNT), headers.getFirst(RATE_LIMIT_ALLOWED),
					headers.getFirst(RATE_LIMIT_RESET));
		}
	}

	// a 429: the token's window may be spent
	void rateLimited(HttpHeaders headers, OAuth2AccessToken token, @Nullable Duration retryAfter) {
		if (this.rateLimitOn) {
			this.rateLimit.rateLimited(token, retryAfter, headers.getFirst(RATE_LIMIT_COUNT),
					headers.getFirst(RATE_LIMIT_ALLOWED));
		}
	}

	/**
	 * Where an answer redirects the request to, when it is to be followed (see {@code Redirect}).
	 * @return the next hop, or {@code null} when the answer goes to the caller as it came, also where redirects are
	 * not followed ({@code spring.http.clients.redirects=dont-follow})
	 */
	@Nullable Redirect redirect(HttpMethod method, URI url, int status, HttpHeaders headers, int hops) {
		return this.followRedirects ? Redirect.next(method, url, status, headers, hops) : null;
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
	ApiCall call(HttpMethod method, URI url, Map<String, Object> attributes, BooleanSupplier replayable) {
		return new ApiCall(this, method, url, attributes, replayable);
	}

	// a 5xx may come from a gateway before Genesys looked at the token: it says nothing about the token
	void accepted(int status, OAuth2AccessToken token) {
		if (status < 500) {
			this.tokens.accepted(token);
		}
	}

	// the server errors a gateway gives while Genesys is busy or restarting; others (500 above all) will not heal
	static boolean isRetryableServerError(int status) {
		return status == 502 || status == 503 || status == 504;
	}

	/** Describes a policy. */
	public static final class Builder {

		private final GenesysAccessTokens tokens;

		private final URI apiBaseUrl;

		private GenesysRetrySettings retry = GenesysRetrySettings.DEFAULTS;

		private GenesysRetryListener listener = GenesysRetryListener.NONE;

		private Clock clock = Clock.systemUTC();

		private boolean followRedirects = true;

		private GenesysSettingNames settingNames = GenesysSettingNames.CODE;

		private Scheduler scheduler = Schedulers.parallel();

		private Builder(GenesysAccessTokens tokens, URI apiBaseUrl) {
			this.tokens = Objects.requireNonNull(tokens, "tokens");
			this.apiBaseUrl = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
		}

		/**
		 * How 429, 502, 503 and 504 are retried.
		 * @param retry how 429, 502, 503 and 504 are retried
		 * @return this builder
		 */
		public Builder retry(GenesysRetrySettings retry) {
			this.retry = Objects.requireNonNull(retry, "retry");
			return this;
		}

		/**
		 * Told of every retry, e.g. to count them.
		 * @param listener the listener told of every retry
		 * @return this builder
		 */
		public Builder listener(GenesysRetryListener listener) {
			this.listener = Objects.requireNonNull(listener, "listener");
			return this;
		}

		/**
		 * Scheduler every wait is timed on, before a retry and for the rate limit; Reactor's parallel one by default.
		 * A virtual-time scheduler lets tests run minutes of waits at once.
		 * @param scheduler scheduler every wait is timed on, before a retry and for the rate limit; Reactor's parallel
		 * one by default
		 * @return this builder
		 */
		public Builder scheduler(Scheduler scheduler) {
			this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
			return this;
		}

		/**
		 * Clock a {@code Retry-After} date is compared with.
		 * @param clock clock a {@code Retry-After} date is compared with
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Whether redirects are followed (the default), within the API's origin with the token and to another origin
		 * without it, and never from HTTPS down to plain HTTP.
		 * @param followRedirects whether redirects are followed (the default), within the API's origin with the token
		 * and to another origin without it, and never from HTTPS down to plain HTTP
		 * @return this builder
		 */
		public Builder followRedirects(boolean followRedirects) {
			this.followRedirects = followRedirects;
			return this;
		}

		/**
		 * How failure messages name the retry settings: the properties they come from; by default as in code.
		 * @param settingNames how failure messages name the retry settings: the properties they come from; by default
		 * as in code
		 * @return this builder
		 */
		public Builder settingNames(GenesysSettingNames settingNames) {
			this.settingNames = Objects.requireNonNull(settingNames, "settingNames");
			return this;
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 */
		public GenesysApiCallPolicy build() {
			return new GenesysApiCallPolicy(this);
		}

	}

}
