package io.github.genesysoauth.benchmarks;

import java.util.List;

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

		assertThat(report).contains("### 1. WebClient: throughput and latency", "### 2. WebClient: allocation and CPU per call",
				"| token requests for a cold burst of 50 concurrent calls, token endpoint answering in 100 ms (failed calls) | 1 (0) |",
				"-second tokens, 2 s at 4 callers", "token-endpoint outage under 4 callers",
				"context start, an application that does not touch the client",
				"context start, an application with a bean that injects a WebClient",
				"### 7. RestClient, platform threads: throughput and latency",
				"### 8. RestClient, platform threads: allocation and CPU per call",
				"| token requests for a cold burst of 20 concurrent calls on platform threads, token endpoint answering in 100 ms (failed calls) | 1 (0) |");
		// virtual threads where the JVM has them (Java 21 and later), a note where it has not
		if (Runtime.version().feature() >= 21) {
			assertThat(report).contains("### 9. RestClient, virtual threads: throughput and latency",
					"### 10. RestClient, virtual threads: allocation and CPU per call",
					"| token requests for a cold burst of 20 concurrent calls on virtual threads, token endpoint answering in 100 ms (failed calls) | 1 (0) |");
		}
		else {
			assertThat(report).contains("### 9 and 10. RestClient, virtual threads\n\nSkipped");
		}
		assertThat(benchmarks.missedTargets()).noneMatch((missed) -> missed.startsWith("cold burst"));
		assertThat(report).contains("### 17. A batch at the rate limit");
		rateLimitCountsAddUp(benchmarks.rateLimitRows());
	}

	// 17, with a 1 s window of 10 requests: only counts that no timing can change. The pacer assumes Genesys's
	// minute whatever the window, so beyond the first 10 its waits are a minute, refused at the smoke's max-wait of
	// 1 s; whichever calls it lets through, none meets a 429
	private static void rateLimitCountsAddUp(List<RateLimitBatch.Row> rows) {
		assertThat(rows).hasSize(3);
		for (RateLimitBatch.Row row : rows) {
			assertThat(row.succeeded() + row.failed()).as(row.client()).isEqualTo(30);
			// every request sent was answered 200 or 429: tokens never expire here
			assertThat(row.apiRequests()).as(row.client()).isEqualTo(row.succeeded() + row.rateLimited());
		}
		assertThat(rows.get(0).rateLimited()).as("429s with pacing").isZero();
		// stock Spring Security sends each call once, and a 429 fails it
		assertThat(rows.get(2).apiRequests()).isEqualTo(30);
		assertThat(rows.get(2).failed()).isEqualTo(rows.get(2).rateLimited());
	}

	// 12 to 15, in this JVM (the test class path has Micrometer): the run itself fails when an org of the burst or of
	// the fleet makes other than one token request; the report must show them
	@Test
	void manyOrgsRunAndReport() {
		Benchmarks benchmarks = new Benchmarks(BenchSettings.smoke());

		String report = benchmarks.runOrgs();

		assertThat(report).contains("### 12 and 13. Heap per org, 20 orgs registered at run time",
				"| registered, never used |", "| idle timeout passed, `releaseIdle()` |",
				"| WebClients: token requests (failed calls), each round | 20 (0) | 20 (0) | exactly 20 | met |",
				"| RestClients on a platform thread each: token requests (failed calls), each round | 20 (0) | 20 (0) | exactly 20 | met |",
				"| one org after its first call (token request succeeded) | **12**: ",
				"| the same org after its release | **12**: ");
	}

}
