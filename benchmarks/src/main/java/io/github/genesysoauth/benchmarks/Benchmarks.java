package io.github.genesysoauth.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.genesysoauth.benchmarks.Clients.Kind;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs every benchmark in one JVM and prints a markdown report: {@code java -jar benchmarks/target/genesys-oauth-benchmarks.jar}
 * ({@code --smoke} for tiny sizes, {@code --throughput} for the WebClients' throughput alone, {@code --blocking} for
 * the RestClients alone, {@code --orgs} for many orgs alone, in a JVM of their own). See {@code benchmarks/README.md}.
 */
public final class Benchmarks {

	/** {@code -Dbench.verbose=true}: every round of every client on standard error, to see what a median hides. */
	private static final boolean VERBOSE = Boolean.getBoolean("bench.verbose");

	private static final OperatingSystemMXBean OPERATING_SYSTEM = ManagementFactory.getOperatingSystemMXBean();

	private static final String TOKEN_TABLE_HEADER = "| measure | genesys-oauth | stock Spring Security | target | met |\n|---|---|---|---|---|\n";

	private static final String TOKEN_TABLE = "### 3 to 6. Token economy, resilience and start-up\n\n" + TOKEN_TABLE_HEADER;

	private final BenchSettings settings;

	private final StringBuilder report = new StringBuilder();

	private final List<String> missed = new ArrayList<>();

	private final double loadAverageAtStart = OPERATING_SYSTEM.getSystemLoadAverage();

	Benchmarks(BenchSettings settings) {
		this.settings = settings;
	}

	public static void main(String[] args) throws Exception {
		List<String> options = List.of(args);
		if (options.contains("--orgs") && !hasMicrometer()) {
			System.exit(forkWithMicrometer(options));
		}
		Benchmarks benchmarks = new Benchmarks(
				options.contains("--smoke") ? BenchSettings.smoke() : BenchSettings.full());
		System.out.println(options.contains("--throughput") ? benchmarks.runThroughput()
				: options.contains("--renewal") ? benchmarks.runRenewalLatency()
				: options.contains("--blocking") ? benchmarks.runBlocking()
						: options.contains("--orgs") ? benchmarks.runOrgs() : benchmarks.runAll());
	}

	String runAll() throws Exception {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			webClientThroughput(clients);
			this.report.append(TOKEN_TABLE);
			coldBurst(genesys, webClientsOf(clients, List.of(Kind.STARTER, Kind.STOCK)), this.settings.coldBurst(), "");
			renewal(genesys, clients);
			outage(genesys, clients);
			this.report.append('\n');
			renewalLatency(genesys, clients);
		}
		startup();
		this.report.append('\n');
		blocking();
		return finish(start);
	}

	/** Only 1 and 2, for profiling the hot path. */
	String runThroughput() {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			webClientThroughput(clients);
		}
		return finish(start);
	}

	/** Only 16: the latency of calls that meet a renewal. */
	String runRenewalLatency() {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			renewalLatency(genesys, clients);
		}
		return finish(start);
	}

	// 16
	private void renewalLatency(LocalGenesys genesys, Clients clients) {
		long lifetime = this.settings.renewalLatencyTokenSeconds();
		Duration delay = this.settings.renewalLatencyTokenDelay();
		Duration duration = this.settings.renewalLatencyDuration();
		List<RenewalLatency.Row> rows = new RenewalLatency(genesys, clients, this.settings).run(lifetime, delay,
				this.settings.renewalLatencyCallers(), duration);
		// renewed at half its lifetime, which starts when the token lands: one renewal per half lifetime plus delay
		long renewals = duration.toMillis() / (lifetime * 1000 / 2 + delay.toMillis());
		this.report.append("### 16. Calls that meet a renewal\n\n")
			.append(lifetime).append("-second tokens, a token endpoint that takes ").append(delay.toMillis())
			.append(" ms, ").append(this.settings.renewalLatencyCallers()).append(" WebClient callers for ")
			.append(duration.toSeconds()).append(" s; a call meets a renewal when a token request was in progress ")
			.append("during it. Target: genesys-oauth's p99 of calls that meet a renewal at most 1.1 times that of the ")
			.append("others, and one token request per renewal (about ").append(renewals).append(").\n\n")
			.append("| client | calls (failed) | token requests | calls meeting a renewal | p50 / p99 meeting | ")
			.append("p50 / p99 others | p99 ratio |\n|---|---|---|---|---|---|---|\n");
		for (RenewalLatency.Row row : rows) {
			this.report.append("| ").append(row.client()).append(" | ").append(row.calls()).append(" (")
				.append(row.failures()).append(") | ").append(row.tokenRequests()).append(" | ").append(row.meeting())
				.append(" | ").append(RenewalLatency.millis(row.p50Meeting())).append(" / ")
				.append(RenewalLatency.millis(row.p99Meeting())).append(" | ")
				.append(RenewalLatency.millis(row.p50Other())).append(" / ")
				.append(RenewalLatency.millis(row.p99Other())).append(" | ")
				.append((row.meeting() == 0) ? "n/a" : format("%.2f", row.p99Ratio())).append(" |\n");
		}
		RenewalLatency.Row starter = rows.get(1);
		check(starter.failures() == 0 && starter.p99Ratio() <= 1.1
				&& Math.abs(starter.tokenRequests() - renewals) <= 1, "renewal latency");
		this.report.append('\n');
	}

	/** Only 12 to 15: many orgs, which need Micrometer on the class path. */
	String runOrgs() {
		long start = System.nanoTime();
		OrgsBenchmarks orgs = new OrgsBenchmarks(this.settings);
		this.report.append(orgs.run());
		this.missed.addAll(orgs.missed());
		return finish(start);
	}

	/** Only 7 to 11: the RestClients. */
	String runBlocking() {
		long start = System.nanoTime();
		blocking();
		return finish(start);
	}

	// the machine's load average beside the time: on shared cores, what else ran explains much of the spread
	private String finish(long start) {
		return this.report.append("All of it took ")
			.append(Duration.ofNanos(System.nanoTime() - start).toSeconds())
			.append(" s on ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.runtime.version"))
			.append(", ")
			.append(OPERATING_SYSTEM.getAvailableProcessors())
			.append(" CPUs, load average ")
			.append(format("%.1f at the start, %.1f at the end", this.loadAverageAtStart,
					OPERATING_SYSTEM.getSystemLoadAverage()))
			.append(". Targets missed: ")
			.append(this.missed.isEmpty() ? "none" : String.join("; ", this.missed))
			.append(".\n")
			.toString();
	}

	List<String> missedTargets() {
		return this.missed;
	}

	// 1 and 2
	private void webClientThroughput(Clients clients) {
		// stock Spring Security's filter costs a third of the WebClient's throughput: the starter must beat it
		throughput(1, "WebClient", webClientsOf(clients, List.of(Kind.values())), true);
	}

	// 7 to 11: the same three as RestClients, with callers on platform threads, then on virtual threads
	private void blocking() {
		CallerThreads virtual = CallerThreads.virtual();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys);
				CallerThreads platform = CallerThreads.platform(this.settings.mostBlockingCallers())) {
			List<CallerThreads> threadKinds = (virtual != null) ? List.of(platform, virtual) : List.of(platform);
			int section = 7;
			for (CallerThreads threads : threadKinds) {
				// the target the issue set for the blocking client is the fixed header's throughput alone: stock
				// Spring Security's interceptor does about as little per call, and beating it would be a coin toss
				throughput(section, "RestClient, " + threads.label(),
						restClientsOf(clients, List.of(Kind.values()), threads), false);
				section += 2;
			}
			if (virtual == null) {
				this.report.append("### 9 and 10. RestClient, virtual threads\n\nSkipped: this JVM (")
					.append(System.getProperty("java.runtime.version"))
					.append(") has no virtual threads; run it on Java 21 or later.\n\n");
			}
			blockingColdBursts(genesys, clients, threadKinds);
		}
		finally {
			if (virtual != null) {
				virtual.close();
			}
		}
	}

	// 11
	private void blockingColdBursts(LocalGenesys genesys, Clients clients, List<CallerThreads> threadKinds) {
		this.report.append("### 11. RestClient: cold burst\n\n").append(TOKEN_TABLE_HEADER);
		for (CallerThreads threads : threadKinds) {
			coldBurst(genesys, restClientsOf(clients, List.of(Kind.STARTER, Kind.STOCK), threads),
					this.settings.blockingColdBurst(), " on " + threads.label());
		}
		this.report.append('\n');
	}

	private Map<Kind, Callers> webClientsOf(Clients clients, List<Kind> kinds) {
		Map<Kind, Callers> callers = new EnumMap<>(Kind.class);
		for (Kind kind : kinds) {
			callers.put(kind, Callers.of(clients.create(kind, this.settings)));
		}
		return callers;
	}

	private Map<Kind, Callers> restClientsOf(Clients clients, List<Kind> kinds, CallerThreads threads) {
		Map<Kind, Callers> callers = new EnumMap<>(Kind.class);
		for (Kind kind : kinds) {
			callers.put(kind, Callers.of(clients.createRestClient(kind, this.settings), threads));
		}
		return callers;
	}

	/**
	 * Throughput, latency, allocation and CPU time of the three clients, in the two tables numbered from
	 * {@code section}, headed by {@code subject} ("RestClient, virtual threads"). The throughput target is a median
	 * of at least 0.95 of the fixed header's; with {@code aboveStock}, also above stock Spring Security's.
	 */
	private void throughput(int section, String subject, Map<Kind, Callers> callers, boolean aboveStock) {
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
			check(throughputMet, subject + ": throughput at concurrency " + concurrency);
			this.report.append("| ").append(concurrency)
				.append(" | ").append(format("%.0f", Stats.median(results.get(Kind.FIXED).stream().map(Load.Result::callsPerSecond).toList())))
				.append(" | ").append(Stats.minMedianMax(starterRatios))
				.append(" | ").append(Stats.minMedianMax(stockRatios))
				.append(" | ").append(latencies(results, Load.Result::p50Nanos))
				.append(" | ").append(latencies(results, Load.Result::p99Nanos))
				.append(" | ").append(throughputMet ? "met" : "**missed**")
				.append(" |\n");
			double allocationMedian = Stats.median(starterAllocationRatios);
			check(allocationMedian <= 1.10, subject + ": allocation at concurrency " + concurrency);
			allocation.append("| ").append(concurrency)
				.append(" | ").append(format("%.0f B; %.1f µs", median(results, Kind.FIXED, Load.Result::bytesPerCall), median(results, Kind.FIXED, Load.Result::cpuNanosPerCall) / 1000))
				.append(" | ").append(format("%.0f B (%.2f x); %.1f µs (%.2f x)", median(results, Kind.STARTER, Load.Result::bytesPerCall), allocationMedian, median(results, Kind.STARTER, Load.Result::cpuNanosPerCall) / 1000, Stats.median(starterCpuRatios)))
				.append(" | ").append(format("%.0f B (%.2f x); %.1f µs (%.2f x)", median(results, Kind.STOCK, Load.Result::bytesPerCall), Stats.median(stockAllocationRatios), median(results, Kind.STOCK, Load.Result::cpuNanosPerCall) / 1000, Stats.median(stockCpuRatios)))
				.append(" | ").append((allocationMedian <= 1.10) ? "met" : "**missed**")
				.append(" |\n");
		}
		this.report.append('\n').append(allocation).append('\n');
	}

	// 3, and 11 for the RestClients: a new client of each kind, and the token requests its first calls cost
	private void coldBurst(LocalGenesys genesys, Map<Kind, Callers> callers, int size, String how) {
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
		check(met, "cold burst" + how);
		this.report.append("| token requests for a cold burst of ").append(size)
			.append(" concurrent calls").append(how).append(", token endpoint answering in ")
			.append(this.settings.coldBurstTokenDelay().toMillis())
			.append(" ms (failed calls) | ")
			.append(tokenRequests.get(Kind.STARTER)).append(" (").append(failures.get(Kind.STARTER)).append(")")
			.append(" | ").append(tokenRequests.get(Kind.STOCK)).append(" (").append(failures.get(Kind.STOCK)).append(")")
			.append(" | exactly 1 | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	// 4
	private void renewal(LocalGenesys genesys, Clients clients) {
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
		check(met, "renewal under load");
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
	private void outage(LocalGenesys genesys, Clients clients) {
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
		check(met, "outage");
		this.report.append("| a ").append(this.settings.outage().toSeconds())
			.append("-second token-endpoint outage under ").append(this.settings.outageCallers())
			.append(" callers (tokens of ").append(this.settings.renewalTokenSeconds())
			.append(" s): token requests during it; first successful call after it heals | ")
			.append(during.get(Kind.STARTER)).append("; ").append(format("%.2f s", recovery.get(Kind.STARTER)))
			.append(" | ").append(during.get(Kind.STOCK)).append("; ").append(format("%.2f s", recovery.get(Kind.STOCK)))
			.append(" | <= 10; within 1 s | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	// 6
	private void startup() throws IOException, InterruptedException {
		startup("an application that does not touch the client at start-up", "");
		startup("an application with a bean that injects a WebClient (genesysWebClient; one from Boot's builder)",
				"used");
	}

	private void startup(String what, String mode) throws IOException, InterruptedException {
		List<Double> with = new ArrayList<>();
		List<Double> without = new ArrayList<>();
		for (int run = 0; run < this.settings.startupRuns(); run++) {
			// alternated, so that drift in the machine's load hits both alike
			with.add(startupMillis("with", mode));
			without.add(startupMillis("without", mode));
		}
		double ratio = Stats.median(with) / Stats.median(without);
		boolean met = ratio <= 1.10;
		check(met, "start-up of " + what);
		this.report.append("| context start, ").append(what).append(" (median of ").append(this.settings.startupRuns())
			.append(" JVMs each): with the starter; without it | ")
			.append(format("%.0f ms (%.2f x)", Stats.median(with), ratio))
			.append(" | ").append(format("%.0f ms", Stats.median(without)))
			.append(" (same app, starter excluded) | <= 1.10 x | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	private static double startupMillis(String variant, String mode) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(java(System.getProperty("java.class.path"), List.of(),
				StartupMain.class, variant, mode))
			.redirectErrorStream(true)
			.start();
		String millis = null;
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				if (line.startsWith("STARTUP_MILLIS ")) {
					millis = line.substring("STARTUP_MILLIS ".length()).strip();
				}
			}
		}
		if (process.waitFor() != 0 || millis == null) {
			throw new IllegalStateException("The start-up run '" + variant + "' failed:\n" + output);
		}
		return Double.parseDouble(millis);
	}

	private static List<String> java(String classPath, List<String> options, Class<?> main, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.add("-cp");
		command.add(classPath);
		command.add(main.getName());
		command.addAll(List.of(args));
		return command;
	}

	private static boolean hasMicrometer() {
		try {
			Class.forName("io.micrometer.prometheusmetrics.PrometheusMeterRegistry", false,
					Benchmarks.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException ex) {
			return false;
		}
	}

	// Micrometer stays off the jar's class path, where it would change what the start-up benchmark measures: the
	// many-orgs run goes on in a JVM with metrics-lib/ (beside the jar) added, and the same JVM options
	private static int forkWithMicrometer(List<String> options) throws IOException, InterruptedException, URISyntaxException {
		Path jar = Path.of(Benchmarks.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Path metrics = jar.toAbsolutePath().getParent().resolve("metrics-lib");
		if (!Files.isDirectory(metrics)) {
			throw new IllegalStateException("No " + metrics + ": build the benchmarks with ./mvnw -pl benchmarks -am package");
		}
		return new ProcessBuilder(java(System.getProperty("java.class.path") + File.pathSeparator + metrics + File.separator + "*",
				ManagementFactory.getRuntimeMXBean().getInputArguments(), Benchmarks.class,
				options.toArray(new String[0])))
			.inheritIO()
			.start()
			.waitFor();
	}

	private static double median(Map<Kind, List<Load.Result>> results, Kind kind,
			java.util.function.ToDoubleFunction<Load.Result> value) {
		return Stats.median(results.get(kind).stream().map(value::applyAsDouble).toList());
	}

	private void check(boolean met, String what) {
		if (!met) {
			this.missed.add(what);
		}
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

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
