package io.github.genesysoauth.token;

import java.time.Duration;
import java.util.Objects;

import org.springframework.util.Assert;

/**
 * How an org's calls keep under Genesys Cloud's limit of requests per minute per token (see {@link GenesysRateLimit}).
 *
 * @param mode whether calls are held back, only warned about, or neither
 * @param requestsPerMinute the limit assumed until Genesys's {@code inin-ratelimit-allowed} header tells the real one
 * @param maxWait the longest a call is held back; a call that would wait longer fails at once, as a 429 past the
 * retry budget does
 */
public record GenesysRateLimitSettings(Mode mode, int requestsPerMinute, Duration maxWait) {

	/** Genesys's default limit of Platform API requests per minute per client-credentials token. */
	public static final int GENESYS_REQUESTS_PER_MINUTE = 300;

	/**
	 * The default {@code maxWait}, 90 s: long enough for a slot in the next window (a minute and a guard second
	 * away at most), so that a burst past the limit waits for the next minute instead of failing; a backlog of
	 * more than the next window or so fails instead of queueing for minutes.
	 */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(90);

	/** No pacing and no bookkeeping: 429s are met and retried as {@code Retry-After} asks. */
	public static final GenesysRateLimitSettings OFF = new GenesysRateLimitSettings(Mode.OFF,
			GENESYS_REQUESTS_PER_MINUTE, DEFAULT_MAX_WAIT);

	/** Calls paced at 300 requests per minute until Genesys says otherwise, held back for at most 90 s. */
	public static final GenesysRateLimitSettings PACE = new GenesysRateLimitSettings(Mode.PACE,
			GENESYS_REQUESTS_PER_MINUTE, DEFAULT_MAX_WAIT);

	/** The defaults: {@link #PACE}. */
	public static final GenesysRateLimitSettings DEFAULTS = PACE;

	/**
	 * Checks the settings.
	 * @param mode whether calls are held back, only warned about, or neither
	 * @param requestsPerMinute the limit assumed until Genesys tells the real one
	 * @param maxWait the longest a call is held back
	 * @throws IllegalArgumentException when {@code requestsPerMinute} is below 1 or {@code maxWait} is missing or
	 * negative
	 */
	public GenesysRateLimitSettings {
		Objects.requireNonNull(mode, "mode");
		Assert.isTrue(requestsPerMinute >= 1, "requestsPerMinute must be at least 1");
		Assert.isTrue(maxWait != null && !maxWait.isNegative(), "maxWait must not be negative");
	}

	/** What is done about the limit. */
	public enum Mode {

		/** Nothing: calls go as they come and meet 429s, which the retry settings handle. */
		OFF,

		/** Calls go as they come; a warning is logged once per minute in which the token's budget runs out. */
		WARN,

		/** Calls that would go over the token's budget wait for the next minute's, up to {@code maxWait}. */
		PACE

	}

}
