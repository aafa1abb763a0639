package io.github.genesysoauth.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter, shared by the token source and the Platform API client: the wait before attempt
 * {@code n + 1} is {@code initial * 2^(n-1)}, capped at {@code max}, then shortened by up to a quarter at random so
 * that many instances that failed together do not come back together.
 */
public final class Backoff {

	private Backoff() {
	}

	/**
	 * The wait after the given number of failures in a row.
	 * @param initial the wait after the first failure, before jitter
	 * @param max the longest wait, before jitter
	 * @param failures failures so far, at least 1
	 * @return the wait
	 */
	public static Duration after(Duration initial, Duration max, int failures) {
		long initialNanos = initial.toNanos();
		long maxNanos = Math.max(initialNanos, max.toNanos());
		int doublings = Math.max(0, Math.min(failures - 1, 62));
		long nanos = (initialNanos > (maxNanos >> doublings)) ? maxNanos : Math.min(maxNanos, initialNanos << doublings);
		double jitter = 0.75 + 0.25 * ThreadLocalRandom.current().nextDouble();
		return Duration.ofNanos((long) (nanos * jitter));
	}

}
