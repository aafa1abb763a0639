package io.github.genesysoauth.benchmarks;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.github.genesysoauth.benchmarks.Clients.Kind;

/**
 * Runs every benchmark in one JVM and prints a markdown report: {@code java -jar benchmarks/target/genesys-oauth-benchmarks.jar}
 * ({@code --smoke} for tiny sizes, {@code --rate-limit} for the batch at the rate limit alone, {@code --throughput} for the WebClients' throughput alone, {@code --blocking} for
 * the RestClients alone, {@code --orgs} for many orgs alone, in a JVM of their own). See {@code benchmarks/README.md}.
 * Which benchmarks run, in which order and against which local Genesys, is here; each writes its own tables.
 */
public final class Benchmarks {

	private final BenchSettings settings;

	private final Report report = new Report();

	private final Throughput throughput;

	private final TokenEconomy tokens;

	private final StartupTime startup;

	private final RenewalLatencyTable renewalLatency;

	private final RateLimitBatch rateLimitBatch;

	Benchmarks(BenchSettings settings) {
		this.settings = settings;
		this.throughput = new Throughput(settings, this.report);
		this.tokens = new TokenEconomy(settings, this.report);
		this.startup = new StartupTime(settings, this.report);
		this.renewalLatency = new RenewalLatencyTable(settings, this.report);
		this.rateLimitBatch = new RateLimitBatch(settings, this.report);
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
				: options.contains("--rate-limit") ? benchmarks.runRateLimitBatch()
				: options.contains("--blocking") ? benchmarks.runBlocking()
						: options.contains("--orgs") ? benchmarks.runOrgs() : benchmarks.runAll());
	}

	String runAll() throws Exception {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			webClientThroughput(clients);
			this.report.append(TokenEconomy.TOKEN_TABLE);
			this.tokens.coldBurst(genesys, webClientsOf(clients, List.of(Kind.STARTER, Kind.STOCK)),
					this.settings.coldBurst(), "");
			this.tokens.renewal(genesys, clients);
			this.tokens.outage(genesys, clients);
			this.report.append('\n');
			this.renewalLatency.run(genesys, clients);
		}
		this.startup.run();
		this.report.append('\n');
		blocking();
		this.rateLimitBatch.run();
		return this.report.finish(start);
	}

	/** Only 17: a batch at the rate limit, pacing on, off and stock Spring Security. */
	String runRateLimitBatch() {
		long start = System.nanoTime();
		this.rateLimitBatch.run();
		return this.report.finish(start);
	}

	List<RateLimitBatch.Row> rateLimitRows() {
		return this.rateLimitBatch.rows();
	}

	/** Only 1 and 2, for profiling the hot path. */
	String runThroughput() {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			webClientThroughput(clients);
		}
		return this.report.finish(start);
	}

	/** Only 16: the latency of calls that meet a renewal. */
	String runRenewalLatency() {
		long start = System.nanoTime();
		try (LocalGenesys genesys = new LocalGenesys(); Clients clients = new Clients(genesys)) {
			this.renewalLatency.run(genesys, clients);
		}
		return this.report.finish(start);
	}

	/** Only 12 to 15: many orgs, which need Micrometer on the class path. */
	String runOrgs() {
		long start = System.nanoTime();
		new OrgsBenchmarks(this.settings, this.report).run();
		return this.report.finish(start);
	}

	/** Only 7 to 11: the RestClients. */
	String runBlocking() {
		long start = System.nanoTime();
		blocking();
		return this.report.finish(start);
	}

	List<String> missedTargets() {
		return this.report.missed();
	}

	// 1 and 2
	private void webClientThroughput(Clients clients) {
		// stock Spring Security's filter costs a third of the WebClient's throughput: the starter must beat it
		this.throughput.run(1, "WebClient", webClientsOf(clients, List.of(Kind.values())), true);
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
				this.throughput.run(section, "RestClient, " + threads.label(),
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
		this.report.append("### 11. RestClient: cold burst\n\n").append(TokenEconomy.TOKEN_TABLE_HEADER);
		for (CallerThreads threads : threadKinds) {
			this.tokens.coldBurst(genesys, restClientsOf(clients, List.of(Kind.STARTER, Kind.STOCK), threads),
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
		return new ProcessBuilder(JavaCommand.of(System.getProperty("java.class.path") + File.pathSeparator + metrics + File.separator + "*",
				ManagementFactory.getRuntimeMXBean().getInputArguments(), Benchmarks.class,
				options.toArray(new String[0])))
			.inheritIO()
			.start()
			.waitFor();
	}

}
