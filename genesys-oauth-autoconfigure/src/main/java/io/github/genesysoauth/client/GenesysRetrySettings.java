package io.github.genesysoauth.client;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * How the Platform API client retries 429, 502, 503 and 504.
 *
 * @param maxAttempts attempts per call, the first included; 1 for no retry
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails at once
 * @param initialBackoff the first wait where no {@code Retry-After} is given, doubled for each further attempt
 * @param maxBackoff the longest such wait
 */
public record GenesysRetrySettings(int maxAttempts, Duration maxRetryAfter, Duration initialBackoff,
		Duration maxBackoff) {

	/** The defaults: 3 attempts, {@code Retry-After} up to 60 s, backoff from 500 ms up to 1 s. */
	public static final GenesysRetrySettings DEFAULTS = new GenesysRetrySettings(3, Duration.ofSeconds(60),
			Duration.ofMillis(500), Duration.ofSeconds(1));

	/**
	 * Checks the settings.
	 * @param maxAttempts attempts per call, the first included
	 * @param maxRetryAfter the longest {@code Retry-After} honoured
	 * @param initialBackoff the first wait where no {@code Retry-After} is given
	 * @param maxBackoff the longest such wait
	 * @throws IllegalArgumentException when {@code maxAttempts} is below 1 or a duration is missing or negative
	 */
	public GenesysRetrySettings {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(maxRetryAfter != null && !maxRetryAfter.isNegative(), "maxRetryAfter must not be negative");
		Assert.isTrue(initialBackoff != null && !initialBackoff.isNegative(), "initialBackoff must not be negative");
		Assert.isTrue(maxBackoff != null && !maxBackoff.isNegative(), "maxBackoff must not be negative");
	}

}
