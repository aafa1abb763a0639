package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.genesysoauth.benchmarks.Clients.Kind;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 3 to 5, and 11 for the RestClients: the token requests genesys-oauth and stock Spring Security make for a cold
 * burst, under renewal and through an outage of the token endpoint; each a row of the table of
 * {@link #TOKEN_TABLE_HEADER}.
 */
final class TokenEconomy {

	static final String TOKEN_TABLE_HEADER = "| measure | genesys-oauth | stock Spring Security | target | met |\n|---|---|---|---|---|\n";

	static final String TOKEN_TABLE = "### 3 to 6. Token economy, resilience and start-up\n\n" + TOKEN_TABLE_HEADER;

	private final BenchSettings settings;

	private final Report report;

	TokenEconomy(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	// 3, and 11 for the RestClients: a new client of each kind, and the token requests its first calls cost
	void coldBurst(LocalGenesys genesys, Map<Kind, Callers> callers, int size, String how) {
		genesys.setTokenLifetimeSeconds(86399);
		// a login service across the network answers in some tens of milliseconds; a local one in microseconds,
		// before most of a burst has even asked
		genesys.setTokenDelay(this.settings.coldBurstTokenDelay());
		Map<Kind, Integer> tokenRequests = new EnumMap<>(Kind.class);
		Map<Kind, Long> failures = new EnumMap<>(Kind.class);
		Load load = new Load(size);
		for (Kind kind : List.of(Kind.STARTER, Kind.STOCK)) {
			genesys.resetCounters();
			failures.put(kind, load.burst(callers.get(kind), size).failures());
			tokenRequests.put(kind, genesys.tokenRequests());
		}
		genesys.setTokenDelay(Duration.ZERO);
		boolean met = tokenRequests.get(Kind.STARTER) == 1;
		this.report.check(met, "cold burst" + how);
		this.report.append("| token requests for a cold burst of ").append(size)
			.append(" concurrent calls").append(how).append(", token endpoint answering in ")
			.append(this.settings.coldBurstTokenDelay().toMillis())
			.append(" ms (failed calls) | ")
			.append(tokenRequests.get(Kind.STARTER)).append(" (").append(failures.get(Kind.STARTER)).append(")")
			.append(" | ").append(tokenRequests.get(Kind.STOCK)).append(" (").append(failures.get(Kind.STOCK)).append(")")
			.append(" | exactly 1 | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	// 4
	void renewal(LocalGenesys genesys, Clients clients) {
		long lifetime = this.settings.renewalTokenSeconds();
		genesys.setTokenLifetimeSeconds(lifetime);
		Map<Kind, Load.Result> results = new EnumMap<>(Kind.class);
		Map<Kind, Integer> tokenRequests = new EnumMap<>(Kind.class);
		Load load = new Load(4_000_000);
		for (Kind kind : List.of(Kind.STARTER, Kind.STOCK)) {
			Callers client = Callers.of(clients.create(kind, this.settings));
			genesys.resetCounters();
			results.put(kind, load.run(client, this.settings.renewalCallers(), this.settings.renewalDuration()));
			tokenRequests.put(kind, genesys.tokenRequests());
		}
		// renewed at half its lifetime, as a token living under twice refresh-before-expiry is
		long predicted = 1 + this.settings.renewalDuration().toMillis() / (lifetime * 1000 / 2);
		int starterRequests = tokenRequests.get(Kind.STARTER);
		boolean met = results.get(Kind.STARTER).failures() == 0 && Math.abs(starterRequests - predicted) <= 1;
		this.report.check(met, "renewal under load");
		this.report.append("| ").append(lifetime).append("-second tokens, ")
			.append(this.settings.renewalDuration().toSeconds()).append(" s at ").append(this.settings.renewalCallers())
			.append(" callers: token requests (failed calls of all calls) | ")
			.append(starterRequests).append(" (").append(results.get(Kind.STARTER).failures()).append(" of ")
			.append(results.get(Kind.STARTER).calls()).append(")")
			.append(" | ").append(tokenRequests.get(Kind.STOCK)).append(" (").append(results.get(Kind.STOCK).failures())
			.append(" of ").append(results.get(Kind.STOCK).calls()).append(")")
			.append(" | 0 failed; ").append(predicted).append(" +/- 1 token requests | ").append(met ? "met" : "**missed**")
			.append(" |\n");
	}

	// 5
	void outage(LocalGenesys genesys, Clients clients) {
		genesys.setTokenLifetimeSeconds(this.settings.renewalTokenSeconds());
		Map<Kind, Integer> during = new EnumMap<>(Kind.class);
		Map<Kind, Double> recovery = new EnumMap<>(Kind.class);
		for (Kind kind : List.of(Kind.STARTER, Kind.STOCK)) {
			Callers client = Callers.of(clients.create(kind, this.settings));
			genesys.resetCounters();
			Load load = new Load(4_000_000);
			Duration total = this.settings.outageAfter().plus(this.settings.outage()).plus(this.settings.outageObservation());
			Mono<Load.Result> running = Mono.fromCallable(() -> load.run(client, this.settings.outageCallers(), total))
				.subscribeOn(Schedulers.boundedElastic())
				.cache();
			running.subscribe();
			sleep(this.settings.outageAfter());
			int before = genesys.tokenRequests();
			genesys.setTokenEndpointDown(true);
			sleep(this.settings.outage());
			genesys.setTokenEndpointDown(false);
			load.watchForFirstSuccess();
			during.put(kind, genesys.tokenRequests() - before);
			running.block(total.plusMinutes(1));
			long firstSuccess = load.firstSuccessAfterNanos();
			recovery.put(kind, (firstSuccess == Long.MAX_VALUE) ? Double.NaN
					: (firstSuccess - load.watchFromNanos()) / 1e9);
		}
		boolean met = during.get(Kind.STARTER) <= 10 && recovery.get(Kind.STARTER) <= 1.0;
		this.report.check(met, "outage");
		this.report.append("| a ").append(this.settings.outage().toSeconds())
			.append("-second token-endpoint outage under ").append(this.settings.outageCallers())
			.append(" callers (tokens of ").append(this.settings.renewalTokenSeconds())
			.append(" s): token requests during it; first successful call after it heals | ")
			.append(during.get(Kind.STARTER)).append("; ").append(format("%.2f s", recovery.get(Kind.STARTER)))
			.append(" | ").append(during.get(Kind.STOCK)).append("; ").append(format("%.2f s", recovery.get(Kind.STOCK)))
			.append(" | <= 10; within 1 s | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
