package io.github.genesysoauth.benchmarks;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.genesysoauth.benchmarks.Clients.Kind;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 1 and 2 for the WebClients, 7 to 10 for the RestClients: throughput, latency, allocation and CPU time of the three
 * clients, in interleaved rounds at each concurrency.
 */
final class Throughput {

	/** {@code -Dbench.verbose=true}: every round of every client on standard error, to see what a median hides. */
	private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

	private final BenchSettings settings;

	private final Report report;

	Throughput(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	/**
	 * Throughput, latency, allocation and CPU time of the three clients, in the two tables numbered from
	 * {@code section}, headed by {@code subject} ("RestClient, virtual threads"). The throughput target is a median
	 * of at least 0.95 of the fixed header's; with {@code aboveStock}, also above stock Spring Security's.
	 */
	void run(int section, String subject, Map<Kind, Callers> callers, boolean aboveStock) {
		String throughputTarget = "genesys-oauth median >= 0.95" + (aboveStock ? " and above stock" : "");
		Load load = new Load(4_000_000);
		this.report.append("### ").append(section).append(". ").append(subject)
			.append(": throughput and latency of GET calls\n\n")
			.append("Ratios to the fixed-header client in the same round: min / median / max over ")
			.append(this.settings.rounds())
			.append(" interleaved rounds of ")
			.append(this.settings.round().toMillis())
			.append(" ms each. Latencies: medians over the rounds.\n\n")
			.append("| concurrency | fixed header calls/s | genesys-oauth | stock Spring Security | p50 fixed / genesys-oauth / stock | p99 fixed / genesys-oauth / stock | target: ")
			.append(throughputTarget)
			.append(" |\n")
			.append("|---|---|---|---|---|---|---|\n");
		StringBuilder allocation = new StringBuilder("### ").append(section + 1).append(". ").append(subject)
			.append(": allocation and CPU per call\n\n")
			.append("Bytes allocated, and CPU time used, by every thread but the server's, per call; medians over the rounds. ")
			.append("CPU time is blind to time the machine gave to others, so it varies far less than throughput.\n\n")
			.append("| concurrency | fixed header | genesys-oauth | stock Spring Security | target: genesys-oauth allocation <= 1.10 x fixed |\n")
			.append("|---|---|---|---|---|\n");
		for (int concurrency : this.settings.concurrencies()) {
			for (Kind kind : Kind.values()) {
				load.run(callers.get(kind), concurrency, this.settings.warmUp());
			}
			Map<Kind, List<Load.Result>> results = new EnumMap<>(Kind.class);
			List<Double> starterRatios = new ArrayList<>();
			List<Double> stockRatios = new ArrayList<>();
			List<Double> starterAllocationRatios = new ArrayList<>();
			List<Double> stockAllocationRatios = new ArrayList<>();
			List<Double> starterCpuRatios = new ArrayList<>();
			List<Double> stockCpuRatios = new ArrayList<>();
			for (int round = 0; round < this.settings.rounds(); round++) {
				Map<Kind, Load.Result> thisRound = new EnumMap<>(Kind.class);
				for (int i = 0; i < Kind.values().length; i++) {
					Kind kind = Kind.values()[(i + round) % Kind.values().length];
					Load.Result result = load.run(callers.get(kind), concurrency, this.settings.round());
					thisRound.put(kind, result);
					if (VERBOSE) {
						System.err.println(format("%s, concurrency %d, round %d, %s: %.0f calls/s, %.0f B and %.1f µs per call, p99 %d µs, %d failed",
								subject, concurrency, round, kind.label, result.callsPerSecond(), result.bytesPerCall(),
								result.cpuNanosPerCall() / 1000, result.p99Nanos() / 1000, result.failures()));
					}
					results.computeIfAbsent(kind, (k) -> new ArrayList<>()).add(result);
				}
				Load.Result fixed = thisRound.get(Kind.FIXED);
				starterRatios.add(thisRound.get(Kind.STARTER).callsPerSecond() / fixed.callsPerSecond());
				stockRatios.add(thisRound.get(Kind.STOCK).callsPerSecond() / fixed.callsPerSecond());
				starterAllocationRatios.add(thisRound.get(Kind.STARTER).bytesPerCall() / fixed.bytesPerCall());
				stockAllocationRatios.add(thisRound.get(Kind.STOCK).bytesPerCall() / fixed.bytesPerCall());
				starterCpuRatios.add(thisRound.get(Kind.STARTER).cpuNanosPerCall() / fixed.cpuNanosPerCall());
				stockCpuRatios.add(thisRound.get(Kind.STOCK).cpuNanosPerCall() / fixed.cpuNanosPerCall());
			}
			double starterMedian = Stats.median(starterRatios);
			double stockMedian = Stats.median(stockRatios);
			boolean throughputMet = starterMedian >= 0.95 && (!aboveStock || starterMedian > stockMedian);
			this.report.check(throughputMet, subject + ": throughput at concurrency " + concurrency);
			this.report.append("| ").append(concurrency)
				.append(" | ").append(format("%.0f", Stats.median(results.get(Kind.FIXED).stream().map(Load.Result::callsPerSecond).toList())))
				.append(" | ").append(Stats.minMedianMax(starterRatios))
				.append(" | ").append(Stats.minMedianMax(stockRatios))
				.append(" | ").append(latencies(results, Load.Result::p50Nanos))
				.append(" | ").append(latencies(results, Load.Result::p99Nanos))
				.append(" | ").append(throughputMet ? "met" : "**missed**")
				.append(" |\n");
			double allocationMedian = Stats.median(starterAllocationRatios);
			this.report.check(allocationMedian <= 1.10, subject + ": allocation at concurrency " + concurrency);
			allocation.append("| ").append(concurrency)
				.append(" | ").append(format("%.0f B; %.1f µs", median(results, Kind.FIXED, Load.Result::bytesPerCall), median(results, Kind.FIXED, Load.Result::cpuNanosPerCall) / 1000))
				.append(" | ").append(format("%.0f B (%.2f x); %.1f µs (%.2f x)", median(results, Kind.STARTER, Load.Result::bytesPerCall), allocationMedian, median(results, Kind.STARTER, Load.Result::cpuNanosPerCall) / 1000, Stats.median(starterCpuRatios)))
				.append(" | ").append(format("%.0f B (%.2f x); %.1f µs (%.2f x)", median(results, Kind.STOCK, Load.Result::bytesPerCall), Stats.median(stockAllocationRatios), median(results, Kind.STOCK, Load.Result::cpuNanosPerCall) / 1000, Stats.median(stockCpuRatios)))
				.append(" | ").append((allocationMedian <= 1.10) ? "met" : "**missed**")
				.append(" |\n");
		}
		this.report.append('\n').append(allocation).append('\n');
	}

	private static double median(Map<Kind, List<Load.Result>> results, Kind kind,
			java.util.function.ToDoubleFunction<Load.Result> value) {
		return Stats.median(results.get(kind).stream().map(value::applyAsDouble).toList());
	}

	private static String latencies(Map<Kind, List<Load.Result>> results,
			java.util.function.ToLongFunction<Load.Result> percentile) {
		StringBuilder text = new StringBuilder();
		for (Kind kind : Kind.values()) {
			if (text.length() > 0) {
				text.append(" / ");
			}
			text.append(format("%.0f", Stats.median(results.get(kind).stream().map((r) -> percentile.applyAsLong(r) / 1000.0).toList())));
		}
		return text.append(" µs").toString();
	}

}
