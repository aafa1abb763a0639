package io.github.genesysoauth.client;

import java.nio.charset.Charset;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Genesys Cloud answered 429 and the call was not sent again: the retry budget
 * ({@code genesys.oauth.retry.max-attempts}) ran out, the wait asked for was longer than
 * {@code genesys.oauth.retry.max-retry-after}, the request opted out of retries, or its body could not be sent again;
 * or the starter's rate-limit pacing did not send it, as its slot was further off than
 * {@code genesys.oauth.rate-limit.max-wait} ({@link #isPacingRefusal()}).
 * The same exception for every client the starter builds ({@code WebClient}, {@code RestClient}, HTTP interfaces): an
 * {@link HttpClientErrorException} with status 429 and the last response's headers and body, so handlers written for
 * Spring's HTTP client exceptions ({@code RestClientResponseException}) keep working.
 */
public class GenesysRateLimitException extends HttpClientErrorException {

	/** Wait the last 429 asked for, or {@code null}. */
	private final @Nullable Duration retryAfter;

	/** Genesys's {@code ININ-Correlation-Id} of the last 429, or {@code null}. */
	private final @Nullable String correlationId;

	/** How many times the request was sent. */
	private final int attempts;

	/** Whether the pacer refused to send the request, rather than Genesys answering 429. */
	private final boolean pacingRefusal;

	/**
	 * Creates an exception from the last 429.
	 * @param message what happened and what to do
	 * @param statusText the last response's status text
	 * @param headers the last response's headers
	 * @param body the last response's body
	 * @param retryAfter the wait Genesys asked for, or {@code null} when it named none
	 * @param correlationId Genesys's {@code ININ-Correlation-Id} of the last response, or {@code null}
	 * @param attempts how many times the request was sent
	 */
	public GenesysRateLimitException(String message, String statusText, HttpHeaders headers, byte[] body,
			@Nullable Duration retryAfter, @Nullable String correlationId, int attempts) {
		this(message, statusText, headers, body, retryAfter, correlationId, attempts, false);
	}

	private GenesysRateLimitException(String message, String statusText, HttpHeaders headers, byte[] body,
			@Nullable Duration retryAfter, @Nullable String correlationId, int attempts, boolean pacingRefusal) {
		super(message, HttpStatus.TOO_MANY_REQUESTS, statusText, headers, body, charsetOf(headers));
		this.retryAfter = retryAfter;
		this.correlationId = correlationId;
		this.attempts = attempts;
		this.pacingRefusal = pacingRefusal;
	}

	/**
	 * The starter's rate-limit pacing did not send a request: its slot was further off than
	 * {@code genesys.oauth.rate-limit.max-wait}.
	 * @param message what happened and what to do
	 * @param wait how long the request would have waited for its slot
	 * @param attempts how many times the request was sent before
	 * @return the exception, with no headers or body (there was no response)
	 */
	static GenesysRateLimitException refused(String message, Duration wait, int attempts) {
		return new GenesysRateLimitException(message, HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(),
				new HttpHeaders(), new byte[0], wait, null, attempts, true);
	}

	private static @Nullable Charset charsetOf(HttpHeaders headers) {
		MediaType contentType = headers.getContentType();
		return (contentType != null) ? contentType.getCharset() : null;
	}

	/** {@return the wait the last 429 asked for ({@code Retry-After}), or {@code null} when it named none} */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/** {@return Genesys's {@code ININ-Correlation-Id} of the last 429, for a support case; {@code null} when absent} */
	public @Nullable String getCorrelationId() {
		return this.correlationId;
	}

	/** {@return how many times the request was sent} */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * {@return whether the starter refused to send the request (again) because its rate-limit slot was further off
	 * than {@code genesys.oauth.rate-limit.max-wait}, rather than Genesys answering it 429: then
	 * {@link #getRetryAfter()} is that wait, and the headers and body are empty}
	 */
	public boolean isPacingRefusal() {
		return this.pacingRefusal;
	}

}
