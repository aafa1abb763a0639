package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.token.GenesysRateLimitSettings;
import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 17: a batch of calls at Genesys's per-token limit, enforced by a local Genesys per client: genesys-oauth pacing
 * (mode {@code pace}), genesys-oauth without pacing (mode {@code off}: a 429 is retried after its
 * {@code Retry-After}, up to 3 attempts), and stock Spring Security (a 429 fails the call). The three run at the same
 * time, each against a local Genesys of its own (its own token, its own limit), so that one run takes the batch's
 * time once, not three times. WebClients: the pacer is one implementation for every client style
 * ({@code GenesysApiCallPolicy}), and a WebClient's paced callers wait on timers, not on 32 threads.
 */
final class RateLimitBatch {

	record Row(String client, long wallNanos, int succeeded, int failed, Map<String, Integer> failures,
			int rateLimited, int apiRequests, int tokenRequests) {
	}

	private final BenchSettings settings;

	private final Report report;

	RateLimitBatch(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	void run() {
		int limit = this.settings.rateLimit();
		Duration window = this.settings.rateLimitWindow();
		int calls = this.settings.rateLimitCalls();
		int callers = this.settings.rateLimitCallers();
		List<String> names = List.of("genesys-oauth, pacing on (`mode: pace`)",
				"genesys-oauth, pacing off (`mode: off`, 429 retried after `Retry-After`)",
				"stock Spring Security (429 fails the call)");
		List<LocalGenesys> servers = new ArrayList<>();
		List<Clients> clients = new ArrayList<>();
		try {
			List<CompletableFuture<Row>> rows = new ArrayList<>();
			for (int i = 0; i < names.size(); i++) {
				LocalGenesys genesys = new LocalGenesys();
				servers.add(genesys);
				genesys.setRateLimit(limit, window);
				Clients own = new Clients(genesys);
				clients.add(own);
				WebClient client = switch (i) {
					case 0 -> own.starterWithRateLimit(this.settings,
							new GenesysRateLimitSettings(Mode.PACE, limit, this.settings.rateLimitMaxWait()));
					case 1 -> own.starterWithRateLimit(this.settings,
							new GenesysRateLimitSettings(Mode.OFF, limit, Duration.ofSeconds(60)));
					default -> own.create(Clients.Kind.STOCK, this.settings);
				};
				String name = names.get(i);
				rows.add(CompletableFuture.supplyAsync(() -> batch(name, client, genesys, calls, callers)));
			}
			write(rows.stream().map(CompletableFuture::join).toList(), limit, window, calls, callers);
		}
		finally {
			// at once: each closes its event loops after a quiet period of its own
			List<CompletableFuture<Void>> closing = new ArrayList<>();
			clients.forEach((own) -> closing.add(CompletableFuture.runAsync(own::close)));
			servers.forEach((genesys) -> closing.add(CompletableFuture.runAsync(genesys::close)));
			closing.forEach(CompletableFuture::join);
		}
	}

	private static Row batch(String name, WebClient client, LocalGenesys genesys, int calls, int callers) {
		AtomicInteger succeeded = new AtomicInteger();
		Map<String, Integer> failures = new ConcurrentHashMap<>();
		AtomicLong lastEnd = new AtomicLong();
		long start = System.nanoTime();
		Flux.range(0, calls)
			.flatMap((i) -> client.get()
				.uri(Load.PATH)
				.retrieve()
				.bodyToMono(String.class)
				.doOnSuccess((body) -> succeeded.incrementAndGet())
				.onErrorResume((ex) -> {
					failures.merge(why(ex), 1, Integer::sum);
					return Mono.empty();
				})
				.doFinally((signal) -> lastEnd.accumulateAndGet(System.nanoTime(), Math::max)), callers, 1)
			.blockLast();
		int failed = failures.values().stream().mapToInt(Integer::intValue).sum();
		return new Row(name, lastEnd.get() - start, succeeded.get(), failed, Map.copyOf(failures),
				genesys.rateLimited(), genesys.apiRequests(), genesys.tokenRequests());
	}

	private static String why(Throwable ex) {
		if (ex instanceof GenesysRateLimitException limited) {
			return (limited.getMessage() != null && limited.getMessage().contains("was not sent"))
					? "refused by the pacer, unsent" : "429 after " + limited.getAttempts() + " attempts";
		}
		if (ex instanceof WebClientResponseException response) {
			return String.valueOf(response.getStatusCode().value());
		}
		return ex.getClass().getSimpleName();
	}

	private void write(List<Row> rows, int limit, Duration window, int calls, int callers) {
		this.report.append("### 17. A batch at the rate limit\n\n")
			.append(calls).append(" calls of `GET ").append(Load.PATH).append("` by ").append(callers)
			.append(" concurrent WebClient callers, each client against a local Genesys of its own allowing ")
			.append(limit).append(" requests per token per ").append(window.toMillis() % 1000 == 0
					? window.toSeconds() + " s" : window.toMillis() + " ms")
			.append(" window (429 with `Retry-After` past them, `inin-ratelimit-*` on every answer); the three at ")
			.append("the same time. Wall time: from the batch's start to its last call's end. Target: with pacing, ")
			.append("no 429 and every call succeeds.\n\n")
			.append("| client | wall time | calls succeeded | calls failed (why) | 429s the server answered | ")
			.append("API requests the server got | token requests |\n|---|---|---|---|---|---|---|\n");
		for (Row row : rows) {
			this.report.append("| ").append(row.client()).append(" | ")
				.append(format("%.1f s", row.wallNanos() / 1e9)).append(" | ").append(row.succeeded()).append(" | ")
				.append(row.failed());
			if (!row.failures().isEmpty()) {
				this.report.append(" (").append(String.join(", ", row.failures().entrySet().stream()
					.sorted(Map.Entry.comparingByKey())
					.map((entry) -> entry.getValue() + " " + entry.getKey())
					.toList())).append(")");
			}
			this.report.append(" | ").append(row.rateLimited()).append(" | ").append(row.apiRequests())
				.append(" | ").append(row.tokenRequests()).append(" |\n");
		}
		Row paced = rows.get(0);
		this.report.check(paced.rateLimited() == 0 && paced.succeeded() == calls, "rate-limit batch");
		this.report.append('\n');
		this.lastRows = rows;
	}

	private List<Row> lastRows = List.of();

	/** The rows of the last run, for the smoke test's exact counts. */
	List<Row> rows() {
		return this.lastRows;
	}

}
