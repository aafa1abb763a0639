package io.github.genesysoauth.client;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Genesys Cloud kept answering 429 past the retry budget ({@code genesys.oauth.retry.max-attempts}), or asked for a
 * wait longer than {@code genesys.oauth.retry.max-retry-after}. A {@link WebClientResponseException} with status 429,
 * the last response's headers and body, so handlers written for WebClient's own exceptions keep working.
 */
public class GenesysRateLimitException extends WebClientResponseException {

	private final @Nullable Duration retryAfter;

	private final @Nullable String correlationId;

	private final int attempts;

	/**
	 * Creates an exception from the last 429.
	 * @param message what happened and what to do
	 * @param response the last response, as WebClient read it
	 * @param retryAfter the wait Genesys asked for, or {@code null} when it named none
	 * @param correlationId Genesys's {@code ININ-Correlation-Id} of the last response, or {@code null}
	 * @param attempts how many times the request was sent
	 */
	public GenesysRateLimitException(String message, WebClientResponseException response,
			@Nullable Duration retryAfter, @Nullable String correlationId, int attempts) {
		super(message, response.getStatusCode(), response.getStatusText(), response.getHeaders(),
				response.getResponseBodyAsByteArray(), null, response.getRequest());
		this.retryAfter = retryAfter;
		this.correlationId = correlationId;
		this.attempts = attempts;
	}

	/** The wait the last 429 asked for ({@code Retry-After}), or {@code null} when it named none. */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

	/** Genesys's {@code ININ-Correlation-Id} of the last 429, for a support case; {@code null} when absent. */
	public @Nullable String getCorrelationId() {
		return this.correlationId;
	}

	/** How many times the request was sent. */
	public int getAttempts() {
		return this.attempts;
	}

}
