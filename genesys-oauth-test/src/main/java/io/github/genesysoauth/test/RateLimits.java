package io.github.genesysoauth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Genesys's Platform API limit: so many requests per minute per token, counted in a window that opens with the
 * token's first request; past it, 429 until the window closes. Every answer to a token tells where it stands, as
 * Genesys's {@code inin-ratelimit-*} headers do.
 */
final class RateLimits {

	static final String COUNT = "inin-ratelimit-count";

	static final String ALLOWED = "inin-ratelimit-allowed";

	static final String RESET = "inin-ratelimit-reset";

	private static final Duration WINDOW = Duration.ofMinutes(1);

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final Clock clock;

	private volatile int perMinute;

	RateLimits(Clock clock, int perMinute) {
		this.clock = clock;
		this.perMinute = perMinute;
	}

	void setPerMinute(int perMinute) {
		if (perMinute < 0) {
			throw new IllegalArgumentException("requests per minute must not be negative, not " + perMinute);
		}
		this.perMinute = perMinute;
	}

	/**
	 * Counts a request made with the token.
	 * @return where the token stands after it, {@code null} when there is no limit
	 */
	Standing admit(String token) {
		int limit = this.perMinute;
		if (limit == 0) {
			return null;
		}
		Instant now = this.clock.instant();
		Window window = this.windows.compute(token,
				(key, current) -> (current == null || !now.isBefore(current.closesAt))
						? new Window(now.plus(WINDOW), 1) : new Window(current.closesAt, current.count + 1));
		long millis = Duration.between(now, window.closesAt).toMillis();
		return new Standing(Math.min(window.count, limit), limit, Math.max(1, (millis + 999) / 1000),
				window.count > limit);
	}

	/**
	 * Where a token stands in its window.
	 *
	 * @param count requests counted in the window, at most the limit ({@code inin-ratelimit-count})
	 * @param allowed the limit ({@code inin-ratelimit-allowed})
	 * @param resetSeconds whole seconds until the window closes, rounded up ({@code inin-ratelimit-reset}, and the
	 * {@code Retry-After} of a 429)
	 * @param refused whether this request was over the limit
	 */
	record Standing(int count, int allowed, long resetSeconds, boolean refused) {
	}

	private record Window(Instant closesAt, int count) {
	}

}
