package io.github.genesysoauth.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every benchmark once, with tiny sizes, so that the harness cannot rot between runs of the real thing. Timings at
 * these sizes mean nothing and are not checked; exact counts are.
 */
class BenchmarksSmokeTest {

	@Test
	void everyBenchmarkRunsAndReports() throws Exception {
		Benchmarks benchmarks = new Benchmarks(BenchSettings.smoke());

		String report = benchmarks.runAll();

		assertThat(report).contains("### 1. Throughput and latency", "### 2. Allocation and CPU per call",
				"| token requests for a cold burst of 50 concurrent calls, token endpoint answering in 100 ms (failed calls) | 1 (0) |",
				"-second tokens, 2 s at 4 callers", "token-endpoint outage under 4 callers",
				"context start, an application that does not touch the client",
				"context start, an application with a bean that injects a WebClient");
		assertThat(benchmarks.missedTargets()).doesNotContain("cold burst");
	}

}
