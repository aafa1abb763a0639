package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import io.github.genesysoauth.token.GenesysRateLimitSettings;

/**
 * The sizes of one run: {@link #full()} for the numbers in {@code benchmarks/README.md}, {@link #smoke()} for the
 * test that keeps the harness from rotting.
 */
record BenchSettings(List<Integer> concurrencies, int rounds, Duration warmUp, Duration round, int coldBurst,
		int blockingColdBurst, Duration coldBurstTokenDelay,
		long renewalTokenSeconds, Duration renewalDuration, int renewalCallers, Duration outageAfter,
		Duration outage, Duration outageObservation, int outageCallers, int startupRuns, Duration starterMaxBackoff,
		int orgs, int orgBurst, int orgBurstRounds, int orgCallers, long renewalLatencyTokenSeconds,
		Duration renewalLatencyTokenDelay, int renewalLatencyCallers, Duration renewalLatencyDuration, int rateLimit,
		Duration rateLimitWindow, int rateLimitCalls, int rateLimitCallers, Duration rateLimitMaxWait) {

	static BenchSettings full() {
		return new BenchSettings(List.of(1, 16, 64), Integer.getInteger("bench.rounds", 21), Duration.ofSeconds(3), Duration.ofSeconds(1), 1000,
				200, Duration.ofMillis(100), 3,
				Duration.ofSeconds(30), 32, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), 32,
				10, Duration.ofSeconds(1), Integer.getInteger("bench.orgs", 10_000), 1000, 5, 16, 6, Duration.ofSeconds(1),
				16, Duration.ofSeconds(30), 300, Duration.ofMinutes(1), 2000, 32, GenesysRateLimitSettings.DEFAULT_MAX_WAIT);
	}

	static BenchSettings smoke() {
		return new BenchSettings(List.of(1, 4), 1, Duration.ofMillis(200), Duration.ofMillis(200), 50,
				20, Duration.ofMillis(100), 1,
				Duration.ofSeconds(2), 4, Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(3), 4, 1,
				Duration.ofSeconds(1), 20, 20, 1, 4, 2, Duration.ofMillis(200), 4, Duration.ofSeconds(3), 10,
				Duration.ofSeconds(1), 30, 4, Duration.ofSeconds(1));
	}

	/** The most callers on threads of their own at once: how many platform threads the blocking benchmarks need. */
	int mostBlockingCallers() {
		return Math.max(Collections.max(this.concurrencies), this.blockingColdBurst);
	}

}
