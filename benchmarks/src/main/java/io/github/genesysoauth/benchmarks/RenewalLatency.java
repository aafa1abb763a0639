package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;

import static java.lang.String.format;

/**
 * 16: the latency of calls that meet a renewal beside calls that do not, with a token endpoint that takes
 * {@code tokenDelay} to answer and tokens short enough for many renewals in one run. A call meets a renewal when a
 * token request was in progress at the local Genesys at any moment of the call. Side by side, on one connection
 * pool: a fixed header (the limit), genesys-oauth as configured by default (renewal in the background),
 * genesys-oauth renewing only at expiry (callers then wait for the token request, as every renewal's callers did before
 * renewal moved to the background), and stock Spring Security renewing at the same point as genesys-oauth (its clock
 * skew set to half the lifetime; its default, 60 s, would make every token of a few seconds expired on arrival).
 */
final class RenewalLatency {

	record Row(String client, long calls, long failures, int tokenRequests, long meeting, long p50Meeting,
			long p99Meeting, long p50Other, long p99Other) {

		double p99Ratio() {
			return (this.p99Other == 0) ? Double.NaN : (double) this.p99Meeting / this.p99Other;
		}

	}

	private final LocalGenesys genesys;

	private final Clients clients;

	private final BenchSettings settings;

	RenewalLatency(LocalGenesys genesys, Clients clients, BenchSettings settings) {
		this.genesys = genesys;
		this.clients = clients;
		this.settings = settings;
	}

	List<Row> run(long lifetimeSeconds, Duration tokenDelay, int callers, Duration duration) {
		this.genesys.setTokenLifetimeSeconds(lifetimeSeconds);
		Duration half = Duration.ofSeconds(lifetimeSeconds).dividedBy(2);
		Map<String, WebClient> clients = new LinkedHashMap<>();
		clients.put("fixed header", this.clients.create(Clients.Kind.FIXED, this.settings));
		clients.put("genesys-oauth (renewal in the background)", this.clients.create(Clients.Kind.STARTER, this.settings));
		clients.put("genesys-oauth renewing at expiry (callers wait, as before)",
				this.clients.starterRenewingAt(this.settings, Duration.ofMillis(1)));
		clients.put("stock Spring Security (clock skew = half the lifetime)", this.clients.stock(half));
		List<Row> rows = new java.util.ArrayList<>();
		try {
			for (Map.Entry<String, WebClient> client : clients.entrySet()) {
				// a first token outside the measurement, without delay: a cold start is not a renewal
				this.genesys.setTokenDelay(Duration.ZERO);
				call(client.getValue()).block(Duration.ofSeconds(30));
				this.genesys.setTokenDelay(tokenDelay);
				this.genesys.resetCounters();
				rows.add(measure(client.getKey(), client.getValue(), callers, duration));
			}
		}
		finally {
			this.genesys.setTokenDelay(Duration.ZERO);
		}
		return rows;
	}

	private Row measure(String name, WebClient client, int callers, Duration duration) {
		int capacity = 4_000_000;
		long[] starts = new long[capacity];
		long[] latencies = new long[capacity];
		AtomicInteger recorded = new AtomicInteger();
		AtomicInteger failures = new AtomicInteger();
		long end = System.nanoTime() + duration.toNanos();
		Flux.range(0, Integer.MAX_VALUE)
			.takeWhile((i) -> System.nanoTime() - end < 0)
			.flatMap((i) -> Mono.defer(() -> {
				long start = System.nanoTime();
				return call(client).doOnSuccess((body) -> {
					int index = recorded.getAndIncrement();
					if (index < capacity) {
						starts[index] = start;
						latencies[index] = System.nanoTime() - start;
					}
				}).onErrorResume((ex) -> {
					failures.incrementAndGet();
					return Mono.delay(Load.PAUSE_AFTER_FAILURE).then(Mono.empty());
				});
			}), callers, 1)
			.blockLast();
		int calls = Math.min(recorded.get(), capacity);
		List<long[]> windows = this.genesys.tokenWindows();
		long[] meeting = new long[calls];
		long[] other = new long[calls];
		int meetingCount = 0;
		int otherCount = 0;
		for (int i = 0; i < calls; i++) {
			if (meetsARenewal(starts[i], starts[i] + latencies[i], windows)) {
				meeting[meetingCount++] = latencies[i];
			}
			else {
				other[otherCount++] = latencies[i];
			}
		}
		long[] meetingSorted = Arrays.copyOf(meeting, meetingCount);
		long[] otherSorted = Arrays.copyOf(other, otherCount);
		Arrays.sort(meetingSorted);
		Arrays.sort(otherSorted);
		return new Row(name, calls + failures.get(), failures.get(), this.genesys.tokenRequests(), meetingCount,
				percentile(meetingSorted, 0.50), percentile(meetingSorted, 0.99), percentile(otherSorted, 0.50),
				percentile(otherSorted, 0.99));
	}

	private static boolean meetsARenewal(long start, long end, List<long[]> windows) {
		for (long[] window : windows) {
			if (start < window[1] && end > window[0]) {
				return true;
			}
		}
		return false;
	}

	private static Mono<String> call(WebClient client) {
		return client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class);
	}

	private static long percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
	}

	static String millis(long nanos) {
		return format("%.1f ms", nanos / 1e6);
	}

}
