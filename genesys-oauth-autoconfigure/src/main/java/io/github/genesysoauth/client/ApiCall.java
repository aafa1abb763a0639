package io.github.genesysoauth.client;

import java.net.URI;
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
 * One call under a {@link GenesysApiCallPolicy}: its attempts, whether its token was renewed already, and what to do
 * with each answer. Used by one thread at a time.
 */
final class ApiCall {

	private final GenesysApiCallPolicy policy;

	private final HttpMethod method;

	private final URI url;

	private final Map<String, Object> attributes;

	private final BooleanSupplier replayable;

	private int attempts;

	private boolean renewed;

	ApiCall(GenesysApiCallPolicy policy, HttpMethod method, URI url, Map<String, Object> attributes,
			BooleanSupplier replayable) {
		this.policy = policy;
		this.method = method;
		this.url = url;
		this.attributes = attributes;
		this.replayable = replayable;
	}

	/** Counts an attempt; the transport calls it before each send. */
	void sending() {
		this.attempts++;
	}

	/** How many times the request was sent. */
	int attempts() {
		return this.attempts;
	}

	/**
	 * What to do with an answer; a retry is told to the listener before the transport waits for it.
	 * @param status the HTTP status
	 * @param headers the answer's headers, for {@code Retry-After} and the correlation id
	 * @param token the token the request carried
	 * @return the decision
	 */
	Decision decide(int status, HttpHeaders headers, OAuth2AccessToken token) {
		if (status == 401) {
			return unauthorized(token);
		}
		this.policy.accepted(status, token);
		this.policy.report(headers, token);
		if (status == 429) {
			return rateLimited(headers, token);
		}
		if (GenesysApiCallPolicy.isRetryableServerError(status) && retriesServerErrors()) {
			return serverError(headers);
		}
		return Decision.RESPOND;
	}

	private Decision unauthorized(OAuth2AccessToken token) {
		boolean renew = this.policy.tokens().unauthorized(token);
		if (!renew || this.renewed || !this.replayable.getAsBoolean()) {
			return Decision.RESPOND;
		}
		this.renewed = true;
		return retry(GenesysRetryReason.UNAUTHORIZED, Duration.ZERO);
	}

	private Decision rateLimited(HttpHeaders headers, OAuth2AccessToken token) {
		GenesysRetrySettings settings = this.policy.retry();
		Duration asked = retryAfter(headers);
		this.policy.rateLimited(headers, token, asked);
		if (retryDisabled()) {
			return fail(headers, asked, "retries are off for this request (GenesysRetry.disabled())");
		}
		if (!this.replayable.getAsBoolean()) {
			return fail(headers, asked, "its body was written as a stream, which cannot be sent again");
		}
		if (asked != null && asked.compareTo(settings.maxRetryAfter()) > 0) {
			return fail(headers, asked, "asked to wait " + describe(asked)
					+ ", longer than " + this.policy.settingNames().shared("retry.max-retry-after") + " ("
					+ describe(settings.maxRetryAfter()) + ")");
		}
		if (this.attempts >= settings.maxAttempts()) {
			return fail(headers, asked,
					"still rate limited after " + this.attempts + ((this.attempts == 1) ? " attempt" : " attempts")
							+ " (" + this.policy.settingNames().shared("retry.max-attempts") + ")");
		}
		return retry(GenesysRetryReason.RATE_LIMITED, (asked != null) ? asked : backoff());
	}

	private Decision serverError(HttpHeaders headers) {
		GenesysRetrySettings settings = this.policy.retry();
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
		this.policy.listener().onRetry(reason, this.method, this.url);
		return new Decision(Decision.Action.RETRY, reason, wait, null, null, null);
	}

	private Decision fail(HttpHeaders headers, @Nullable Duration asked, String what) {
		String correlationId = headers.getFirst(GenesysApiCallPolicy.CORRELATION_ID);
		String message = "Genesys Cloud rate limit: " + this.method + " " + this.url + " was answered 429, " + what
				+ "; correlation id " + correlationId + ". "
				+ "Spread the calls out (Genesys allows 300 requests per minute per token unless raised), "
				+ "or raise " + this.policy.settingNames().shared("retry.max-attempts") + " or "
				+ this.policy.settingNames().shared("retry.max-retry-after") + ".";
		return new Decision(Decision.Action.FAIL, null, Duration.ZERO, message, asked, correlationId);
	}

	private @Nullable Duration retryAfter(HttpHeaders headers) {
		return RetryAfter.parse(headers.getFirst(HttpHeaders.RETRY_AFTER), this.policy.clock());
	}

	private Duration backoff() {
		GenesysRetrySettings settings = this.policy.retry();
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
	GenesysRateLimitException rateLimitException(Decision decision, String statusText,
			HttpHeaders headers, byte[] body) {
		return new GenesysRateLimitException(Objects.requireNonNull(decision.message()), statusText, headers, body,
				decision.retryAfter(), decision.correlationId(), this.attempts);
	}

	private static boolean isIdempotent(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method)
				|| HttpMethod.TRACE.equals(method) || HttpMethod.PUT.equals(method) || HttpMethod.DELETE.equals(method);
	}

	static String describe(Duration duration) {
		return (duration == RetryAfter.UNBOUNDED) ? "an unbounded time"
				: (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
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
	record Decision(Action action, @Nullable GenesysRetryReason reason, Duration delay, @Nullable String message,
			@Nullable Duration retryAfter, @Nullable String correlationId) {

		static final Decision RESPOND = new Decision(Action.RESPOND, null, Duration.ZERO, null, null, null);

		/** What a transport does. */
		enum Action {

			/** Give the answer to the caller as it came. */
			RESPOND,

			/**
			 * Release the answer, wait, take a token from {@link GenesysAccessTokens#accessToken()} (a renewed one
			 * after a 401) and send the request again.
			 */
			RETRY,

			/** Read the answer and fail the call with {@link ApiCall#rateLimitException}. */
			FAIL

		}

	}

}
