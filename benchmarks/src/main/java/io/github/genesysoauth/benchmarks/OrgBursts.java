package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 14: many orgs, each called once, all at once, through genesys-oauth and through stock Spring Security; the run
 * fails if an org of genesys-oauth asked for a token other than once.
 */
final class OrgBursts {

	private final BenchSettings settings;

	private final OrgFleets fleets;

	OrgBursts(BenchSettings settings, OrgFleets fleets) {
		this.settings = settings;
		this.fleets = fleets;
	}

	// 14: a burst of first calls, each to an org of its own, through WebClients and then through RestClients on
	// a platform thread each; the token endpoint answers in 100 ms, as in 3 and 11. Fresh orgs every round, the
	// order of genesys-oauth and stock Spring Security swapped from one round to the next
	void bursts(ConfigurableApplicationContext context, LocalGenesys genesys, StringBuilder table) {
		GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
		GenesysOrgWebClients webClients = context.getBean(GenesysOrgWebClients.class);
		WebClient.Builder webClientBuilder = context.getBean(WebClient.Builder.class);
		RestClient.Builder restClientBuilder = context.getBean(RestClient.Builder.class);
		int size = this.settings.orgBurst();
		genesys.setTokenDelay(this.settings.coldBurstTokenDelay());
		table.append("### 14. ").append(format("%,d", size))
			.append(" orgs, each called once, all at once\n\n")
			.append("Each call the first of an org of its own; token endpoint answering in ")
			.append(this.settings.coldBurstTokenDelay().toMillis())
			.append(" ms. Medians of ").append(this.settings.orgBurstRounds())
			.append(" rounds, each with new orgs, genesys-oauth and stock Spring Security in turn. Latency from asking for the org's client to the answer; ")
			.append("CPU and allocation of every thread but the server's, per call.\n\n")
			.append("| measure | genesys-oauth | stock Spring Security | target | met |\n|---|---|---|---|---|\n");
		burst(table, "WebClients", genesys, orgs, () -> {
			Fleet fleet = this.fleets.fleet("burst-web", size);
			this.fleets.register(orgs, fleet, genesys);
			return new BurstSide(fleet, () -> new Load(size).burst(
					Callers.ofRequests((i) -> webClients.webClient(fleet.name(i)).get().uri(Load.PATH)), size));
		}, () -> {
			Fleet fleet = this.fleets.fleet("burst-stock-web", size);
			WebClient client = StockOrgs.webClient(webClientBuilder, genesys, StockOrgs.registrations(fleet, genesys));
			return new BurstSide(fleet, () -> new Load(size).burst(StockOrgs.calls(client, fleet), size));
		});
		try (CallerThreads threads = CallerThreads.platform(size)) {
			burst(table, "RestClients on a platform thread each", genesys, orgs, () -> {
				Fleet fleet = this.fleets.fleet("burst-rest", size);
				this.fleets.register(orgs, fleet, genesys);
				return new BurstSide(fleet, () -> new Load(size).burst(Callers.ofRequests(
						OrgFleets.nextOf(fleet, (name) -> orgs.org(name).restClient().get().uri(Load.PATH)), threads),
						size));
			}, () -> {
				Fleet fleet = this.fleets.fleet("burst-stock-rest", size);
				List<ClientRegistration> registrations = new ArrayList<>(size);
				fleet.forEach((i) -> registrations.add(StockOrgs.registration(fleet, i, genesys)));
				RestClient client = restClientBuilder.clone()
					.baseUrl(genesys.baseUrl())
					.requestInterceptor(Clients.stockInterceptor(new InMemoryClientRegistrationRepository(registrations)))
					.build();
				return new BurstSide(fleet, () -> new Load(size).burst(Callers.ofRequests(OrgFleets.nextOf(fleet,
						(name) -> client.get()
							.uri(Load.PATH)
							.attributes(RequestAttributeClientRegistrationIdResolver.clientRegistrationId(name))),
						threads), size));
			});
		}
		genesys.setTokenDelay(Duration.ZERO);
		table.append('\n');
	}

	/** One side of a burst: its orgs, registered, and the burst, ready to run. */
	record BurstSide(Fleet fleet, Supplier<Load.Result> run) {
	}

	private void burst(StringBuilder table, String how, LocalGenesys genesys, GenesysOrgs orgs,
			Supplier<BurstSide> starter, Supplier<BurstSide> stock) {
		List<List<Load.Result>> results = List.of(new ArrayList<>(), new ArrayList<>());
		List<List<Integer>> tokenRequests = List.of(new ArrayList<>(), new ArrayList<>());
		for (int round = 0; round < this.settings.orgBurstRounds(); round++) {
			for (int turn = 0; turn < 2; turn++) {
				int kind = (turn + round) % 2;
				BurstSide side = ((kind == 0) ? starter : stock).get();
				genesys.resetCounters();
				Load.Result result = side.run().get();
				int requests = genesys.tokenRequests();
				results.get(kind).add(result);
				tokenRequests.get(kind).add(requests);
				if (kind == 0) {
					// the target, asserted: the run fails if an org asked twice or not at all
					OrgFleets.expectEach(genesys, side.fleet(), 1, 1, "of genesys-oauth in the burst through " + how);
					OrgFleets.expect(requests == side.fleet().size() && result.failures() == 0, how + ": exactly "
							+ side.fleet().size() + " token requests and no failed call, not " + requests + " and "
							+ result.failures());
					side.fleet().forEach((i) -> orgs.remove(side.fleet().name(i)));
				}
				genesys.resetClientCounts();
				System.err.println(format("%s, round %d, %s: %d token requests, %d failed calls, %.0f ms", how, round,
						(kind == 0) ? "genesys-oauth" : OrgsBenchmarks.STOCK, requests, result.failures(),
						result.calls() / result.callsPerSecond() * 1000));
			}
		}
		table.append("| ").append(how).append(": token requests (failed calls), each round | ")
			.append(counts(tokenRequests.get(0), results.get(0))).append(" | ")
			.append(counts(tokenRequests.get(1), results.get(1))).append(" | exactly ")
			.append(this.settings.orgBurst()).append(" | met |\n");
		table.append("| ").append(how).append(": wall time; latency p50 / p99 / max | ")
			.append(wallAndLatency(results.get(0))).append(" | ").append(wallAndLatency(results.get(1)))
			.append(" | | |\n");
		table.append("| ").append(how).append(": CPU and allocation per call | ")
			.append(cost(results.get(0))).append(" | ").append(cost(results.get(1))).append(" | | |\n");
	}

	private static String counts(List<Integer> tokenRequests, List<Load.Result> results) {
		long failures = results.stream().mapToLong(Load.Result::failures).max().orElse(0);
		int least = tokenRequests.stream().mapToInt(Integer::intValue).min().orElse(0);
		int most = tokenRequests.stream().mapToInt(Integer::intValue).max().orElse(0);
		return ((least == most) ? String.valueOf(least) : least + " to " + most) + " (" + failures + ")";
	}

	private static String wallAndLatency(List<Load.Result> results) {
		return format("%.0f ms; %.0f / %.0f / %.0f ms", median(results, (r) -> r.calls() / r.callsPerSecond() * 1000),
				median(results, (r) -> r.p50Nanos() / 1e6), median(results, (r) -> r.p99Nanos() / 1e6),
				median(results, (r) -> r.maxNanos() / 1e6));
	}

	private static String cost(List<Load.Result> results) {
		return format("%.0f µs; %.1f KB", median(results, (r) -> r.cpuNanosPerCall() / 1000),
				median(results, (r) -> r.bytesPerCall() / 1024));
	}

	private static double median(List<Load.Result> results, ToDoubleFunction<Load.Result> value) {
		return Stats.median(results.stream().map(value::applyAsDouble).toList());
	}

}
