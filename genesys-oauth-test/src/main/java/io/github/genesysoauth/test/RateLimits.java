package io.github.genesysoauth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Genesys's Platform API limit: so many requests per minute per token, counted in a window that opens with the
 * token's first request; past it, 429 until the window closes.
 */
final class RateLimits {

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
	 * @return {@code null} when within the limit, else the wait until the window closes, in whole seconds
	 */
	Long admit(String token) {
		int limit = this.perMinute;
		if (limit == 0) {
			return null;
		}
		Instant now = this.clock.instant();
		Window window = this.windows.compute(token,
				(key, current) -> (current == null || !now.isBefore(current.closesAt))
						? new Window(now.plus(WINDOW), 1) : new Window(current.closesAt, current.count + 1));
		if (window.count <= limit) {
			return null;
		}
		long millis = Duration.between(now, window.closesAt).toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

	private record Window(Instant closesAt, int count) {
	}

}
