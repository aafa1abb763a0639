package io.github.genesysoauth.benchmarks;

import java.lang.ref.Reference;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.RequestAttributeClientRegistrationIdResolver;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * 12 to 15, many Genesys orgs in one application: the heap each org costs, registered and never used, used once and
 * released again; 1,000 orgs each called once at the same time; and the metric series each org adds. Against a real
 * {@link GenesysOrgs} from the auto-configuration, in a Spring Boot application with Micrometer's Prometheus registry
 * (Boot's metrics auto-configuration, as with the actuator), and side by side with stock Spring Security holding the
 * same registrations. See {@code benchmarks/README.md}.
 */
final class OrgsBenchmarks {

	/** The application's org idle timeout; the benchmark's clock jumps past it. */
	private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

	private static final String STOCK = "stock Spring Security";

	/** The {@code org} tag of run-time orgs' shared meters, with {@code tag-run-time-orgs=false}. */
	private static final String GENESYS_SHARED_LABEL = "run-time";

	private final BenchSettings settings;

	private final StringBuilder report = new StringBuilder();

	private final List<String> missed = new ArrayList<>();

	private final AtomicInteger fleets = new AtomicInteger();

	OrgsBenchmarks(BenchSettings settings) {
		this.settings = settings;
	}

	/** The states of a fleet of orgs whose heap is measured, in the order they happen. */
	enum State {

		BEFORE("before"), REGISTERED("registered, never used"), CALLED("called once, through its WebClient"),
		CALLED_BOTH("called once more, through its RestClient"),
		RELEASED("idle timeout passed, `releaseIdle()`");

		final String label;

		State(String label) {
			this.label = label;
		}

	}

	String run() {
		Map<String, Map<State, HeapHistogram>> heaps = new HashMap<>();
		Map<String, Series> series = new HashMap<>();
		String tagged = "genesys-oauth, `tag-run-time-orgs=true` (default)";
		String untagged = "genesys-oauth, `tag-run-time-orgs=false`";
		StringBuilder bursts = new StringBuilder();
		Map<String, Double> clients;
		List<String> timings = new ArrayList<>();
		try (LocalGenesys genesys = new LocalGenesys()) {
			genesys.countPerClient();
			try (ConfigurableApplicationContext context = start(genesys, true)) {
				heaps.put(tagged, starterHeap(context, genesys, series, tagged, timings));
				heaps.put(STOCK, stockHeap(context, genesys, timings));
				clients = clientHeap(context, genesys);
				bursts(context, genesys, bursts);
			}
			try (ConfigurableApplicationContext context = start(genesys, false)) {
				heaps.put(untagged, starterHeap(context, genesys, series, untagged, timings));
			}
		}
		heapReport(heaps, List.of(tagged, untagged, STOCK), timings, clients);
		this.report.append(bursts);
		seriesReport(series, List.of(tagged, untagged));
		return this.report.toString();
	}

	List<String> missed() {
		return this.missed;
	}

	// an application of its own orgs, with Boot's auto-configurations (the starter's, WebClient's, RestClient's,
	// Micrometer's with the Prometheus registry) and a clock the benchmark moves forward
	private static ConfigurableApplicationContext start(LocalGenesys genesys, boolean tagRunTimeOrgs) {
		SpringApplication application = new SpringApplication(OrgsApplication.class);
		// the application's own org, the default; never called here
		Map<String, Object> properties = StartupMain.quiet(application, "default-client", genesys.baseUrl());
		properties.put("genesys.oauth.org-idle-timeout", IDLE_TIMEOUT.toMinutes() + "m");
		properties.put("genesys.oauth.metrics.tag-run-time-orgs", String.valueOf(tagRunTimeOrgs));
		application.setDefaultProperties(properties);
		return application.run();
	}

	// 12, 13 and 15 for genesys-oauth: a fleet registered, called through its WebClients, then its RestClients,
	// then released; the heap in each state, and the Prometheus series
	private Map<State, HeapHistogram> starterHeap(ConfigurableApplicationContext context, LocalGenesys genesys,
			Map<String, Series> series, String label, List<String> timings) {
		GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
		GenesysOrgWebClients webClients = context.getBean(GenesysOrgWebClients.class);
		BenchClock clock = context.getBean(BenchClock.class);
		PrometheusMeterRegistry prometheus = context.getBean(PrometheusMeterRegistry.class);
		int size = this.settings.orgs();
		// every path once first, on orgs removed again, so that what is loaded and cached once is not counted per org
		Fleet warmUp = fleet("warm", Math.max(2, size / 50));
		register(orgs, warmUp, genesys);
		callThroughWebClients(webClients, warmUp);
		callThroughRestClients(orgs, warmUp);
		warmUp.forEach((i) -> orgs.remove(warmUp.name(i)));
		genesys.resetClientCounts();
		HeapHistogram.take();
		Map<State, HeapHistogram> heap = new EnumMap<>(State.class);
		// each scrape counted at once: the text of one with 10,000 orgs in it is megabytes, and would be counted
		Scrape before = Scrape.of(prometheus, "none");
		heap.put(State.BEFORE, HeapHistogram.take());

		Fleet fleet = fleet("org", size);
		long start = System.nanoTime();
		register(orgs, fleet, genesys);
		long registerNanos = System.nanoTime() - start;
		expect(orgs.runTimeOrgs().active() == 0, "no org holds a token source before its first use");
		heap.put(State.REGISTERED, HeapHistogram.take());

		Load.Result web = callThroughWebClients(webClients, fleet);
		expectEach(genesys, fleet, 1, 1, "after one call through its WebClient");
		heap.put(State.CALLED, HeapHistogram.take());

		Load.Result rest = callThroughRestClients(orgs, fleet);
		expectEach(genesys, fleet, 0, 1, "after one call through its RestClient as well");
		heap.put(State.CALLED_BOTH, HeapHistogram.take());
		Scrape used = Scrape.of(prometheus, fleet.name(0));

		clock.advance(IDLE_TIMEOUT.plusMinutes(1));
		orgs.releaseIdle();
		expect(orgs.runTimeOrgs().active() == 0, "every org released its token source after the idle timeout");
		heap.put(State.RELEASED, HeapHistogram.take());
		Scrape released = Scrape.of(prometheus, fleet.name(0));

		// an org whose token request is refused: its series, tagged with the error
		Fleet refused = fleet("refused", 1);
		genesys.refuse(refused.clientId(0));
		register(orgs, refused, genesys);
		Load.Result refusedCall = callThroughWebClients(webClients, refused);
		expect(refusedCall.failures() == 1, "the refused org's call failed");
		series.put(label, new Series(before, used, released, Scrape.of(prometheus, refused.name(0)),
				Scrape.of(prometheus, GENESYS_SHARED_LABEL), size));
		timings.add(format("%s: registering %d orgs took %d ms; calling each once took %.1f s through its WebClient "
				+ "(%d at a time) and %.1f s through its RestClient (%d threads)", label, size,
				registerNanos / 1_000_000, web.calls() / web.callsPerSecond(), this.settings.orgCallers(),
				rest.calls() / rest.callsPerSecond(), this.settings.orgCallers()));
		return heap;
	}

	// 12 and 13, for comparison: what a client from Boot's builders costs alone, most of what an org's first use
	// costs; and a WebClient that shares its exchange function, and with it its codecs, with the others
	private Map<String, Double> clientHeap(ConfigurableApplicationContext context, LocalGenesys genesys) {
		WebClient.Builder webClients = context.getBean(WebClient.Builder.class);
		RestClient.Builder restClients = context.getBean(RestClient.Builder.class);
		ExchangeFunction shared = ExchangeFunctions.create(context.getBeanProvider(ClientHttpConnector.class)
			.getIfAvailable(ReactorClientHttpConnector::new), ExchangeStrategies.withDefaults());
		Map<String, Supplier<Object>> kinds = new LinkedHashMap<>();
		kinds.put("WebClient from Boot's `WebClient.Builder`", () -> webClients.clone().baseUrl(genesys.baseUrl()).build());
		kinds.put("RestClient from Boot's `RestClient.Builder`", () -> restClients.clone().baseUrl(genesys.baseUrl()).build());
		kinds.put("WebClient from Boot's `WebClient.Builder`, with one `ExchangeFunction` for all",
				() -> webClients.clone().exchangeFunction(shared).baseUrl(genesys.baseUrl()).build());
		int size = this.settings.orgs();
		Map<String, Double> bytes = new LinkedHashMap<>();
		kinds.forEach((kind, client) -> {
			List<Object> clients = new ArrayList<>(size);
			clients.add(client.get());
			clients.clear();
			HeapHistogram before = HeapHistogram.take();
			for (int i = 0; i < size; i++) {
				clients.add(client.get());
			}
			HeapHistogram after = HeapHistogram.take();
			Reference.reachabilityFence(clients);
			bytes.put(kind, (double) (after.bytes() - before.bytes()) / size);
		});
		return bytes;
	}

	// 12 and 13 for stock Spring Security: the same fleet as registrations of one repository, called through one
	// WebClient with each registration's id as a request attribute; stock never releases an authorized client
	private Map<State, HeapHistogram> stockHeap(ConfigurableApplicationContext context, LocalGenesys genesys,
			List<String> timings) {
		WebClient.Builder builder = context.getBean(WebClient.Builder.class);
		Fleet warmUp = fleet("stock-warm", Math.max(2, this.settings.orgs() / 50));
		callThroughStock(stockWebClient(builder, genesys, stockRegistrations(warmUp, genesys)), genesys, warmUp);
		genesys.resetClientCounts();
		Map<State, HeapHistogram> heap = new EnumMap<>(State.class);
		heap.put(State.BEFORE, HeapHistogram.take());
		Fleet fleet = fleet("stock", this.settings.orgs());
		long start = System.nanoTime();
		InMemoryReactiveClientRegistrationRepository registrations = stockRegistrations(fleet, genesys);
		long registerNanos = System.nanoTime() - start;
		heap.put(State.REGISTERED, HeapHistogram.take());
		// the client holds the authorized clients (tokens) its calls obtained: kept until the heap is measured
		WebClient client = stockWebClient(builder, genesys, registrations);
		Load.Result web = callThroughStock(client, genesys, fleet);
		heap.put(State.CALLED, HeapHistogram.take());
		Reference.reachabilityFence(client);
		timings.add(format("%s: building the repository of %d registrations took %d ms; calling each once took %.1f s "
				+ "(%d at a time)", STOCK, fleet.size(), registerNanos / 1_000_000, web.calls() / web.callsPerSecond(),
				this.settings.orgCallers()));
		return heap;
	}

	private InMemoryReactiveClientRegistrationRepository stockRegistrations(Fleet fleet, LocalGenesys genesys) {
		List<ClientRegistration> registrations = new ArrayList<>(fleet.size());
		fleet.forEach((i) -> registrations.add(stockRegistration(fleet, i, genesys)));
		return new InMemoryReactiveClientRegistrationRepository(registrations);
	}

	// as GenesysOrgSettings builds an org's registration, from the org's own strings
	private static ClientRegistration stockRegistration(Fleet fleet, int i, LocalGenesys genesys) {
		return ClientRegistration.withRegistrationId(fleet.name(i))
			.clientId(fleet.clientId(i))
			.clientSecret(fleet.secret(i))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(genesys.tokenUri())
			.build();
	}

	private Load.Result callThroughStock(WebClient client, LocalGenesys genesys, Fleet fleet) {
		Load.Result result = new Load(fleet.size()).calls(stockCalls(client, fleet), this.settings.orgCallers(),
				fleet.size());
		expectEach(genesys, fleet, 1, 1, "of stock Spring Security after one call");
		return result;
	}

	private static WebClient stockWebClient(WebClient.Builder builder, LocalGenesys genesys,
			InMemoryReactiveClientRegistrationRepository registrations) {
		return builder.clone()
			.baseUrl(genesys.baseUrl())
			.filter(Clients.stockFilter(registrations, builder.clone().build()))
			.build();
	}

	private static Callers stockCalls(WebClient client, Fleet fleet) {
		return Callers.ofRequests((i) -> client.get()
			.uri(Load.PATH)
			.attributes(ServerOAuth2AuthorizedClientExchangeFilterFunction.clientRegistrationId(fleet.name(i))));
	}

	// 14: a burst of first calls, each to an org of its own, through WebClients and then through RestClients on
	// a platform thread each; the token endpoint answers in 100 ms, as in 3 and 11. Fresh orgs every round, the
	// order of genesys-oauth and stock Spring Security swapped from one round to the next
	private void bursts(ConfigurableApplicationContext context, LocalGenesys genesys, StringBuilder table) {
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
			Fleet fleet = fleet("burst-web", size);
			register(orgs, fleet, genesys);
			return new BurstSide(fleet, () -> new Load(size).burst(
					Callers.ofRequests((i) -> webClients.webClient(fleet.name(i)).get().uri(Load.PATH)), size));
		}, () -> {
			Fleet fleet = fleet("burst-stock-web", size);
			WebClient client = stockWebClient(webClientBuilder, genesys, stockRegistrations(fleet, genesys));
			return new BurstSide(fleet, () -> new Load(size).burst(stockCalls(client, fleet), size));
		});
		try (CallerThreads threads = CallerThreads.platform(size)) {
			burst(table, "RestClients on a platform thread each", genesys, orgs, () -> {
				Fleet fleet = fleet("burst-rest", size);
				register(orgs, fleet, genesys);
				return new BurstSide(fleet, () -> new Load(size).burst(Callers.ofRequests(
						nextOf(fleet, (name) -> orgs.org(name).restClient().get().uri(Load.PATH)), threads), size));
			}, () -> {
				Fleet fleet = fleet("burst-stock-rest", size);
				List<ClientRegistration> registrations = new ArrayList<>(size);
				fleet.forEach((i) -> registrations.add(stockRegistration(fleet, i, genesys)));
				RestClient client = restClientBuilder.clone()
					.baseUrl(genesys.baseUrl())
					.requestInterceptor(Clients.stockInterceptor(new InMemoryClientRegistrationRepository(registrations)))
					.build();
				return new BurstSide(fleet, () -> new Load(size).burst(Callers.ofRequests(nextOf(fleet,
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
					// the issue's target, asserted: the run fails if an org asked twice or not at all
					expectEach(genesys, side.fleet(), 1, 1, "of genesys-oauth in the burst through " + how);
					expect(requests == side.fleet().size() && result.failures() == 0, how + ": exactly "
							+ side.fleet().size() + " token requests and no failed call, not " + requests + " and "
							+ result.failures());
					side.fleet().forEach((i) -> orgs.remove(side.fleet().name(i)));
				}
				genesys.resetClientCounts();
				System.err.println(format("%s, round %d, %s: %d token requests, %d failed calls, %.0f ms", how, round,
						(kind == 0) ? "genesys-oauth" : STOCK, requests, result.failures(),
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

	// blocking callers ask for the next org on each call, so that each org gets exactly one whichever thread runs
	private static Supplier<RestClient.RequestHeadersSpec<?>> nextOf(Fleet fleet,
			Function<String, RestClient.RequestHeadersSpec<?>> request) {
		AtomicInteger next = new AtomicInteger();
		return () -> request.apply(fleet.name(next.getAndIncrement()));
	}

	// 12 and 13
	private void heapReport(Map<String, Map<State, HeapHistogram>> heaps, List<String> columns, List<String> timings,
			Map<String, Double> clients) {
		int size = this.settings.orgs();
		this.report.append("### 12 and 13. Heap per org, ").append(format("%,d", size))
			.append(" orgs registered at run time\n\n")
			.append("Live objects after a full collection (class histogram), more than before the orgs were registered, divided by the orgs; ")
			.append("in brackets the heap's used bytes read after the same collection. Each org's settings are built from strings of its own ")
			.append("(client id of 36 characters, secret of 43, token and API URIs), as from a database row. ")
			.append("Stock Spring Security: a `ClientRegistration` for each org in one `InMemoryReactiveClientRegistrationRepository`, ")
			.append("called through one WebClient with the registration id as a request attribute.\n\n");
		tableHeader("state of each org", columns, "target", "met");
		for (State state : List.of(State.REGISTERED, State.CALLED, State.CALLED_BOTH, State.RELEASED)) {
			this.report.append("| ").append(state.label).append(" |");
			for (String column : columns) {
				Map<State, HeapHistogram> heap = heaps.get(column);
				HeapHistogram now = heap.get(state);
				this.report.append(' ')
					.append((now != null) ? perOrg(now, heap.get(State.BEFORE), size)
							: (state == State.RELEASED) ? "never released" : "n/a")
					.append(" |");
			}
			if (state == State.REGISTERED) {
				HeapHistogram registered = heaps.get(columns.get(0)).get(State.REGISTERED);
				double bytes = (double) (registered.bytes() - heaps.get(columns.get(0)).get(State.BEFORE).bytes()) / size;
				boolean met = bytes < 5 * 1024;
				if (!met) {
					this.missed.add("heap per registered org");
				}
				this.report.append(" under 5 KB | ").append(met ? "met" : "**missed**").append(" |\n");
			}
			else {
				this.report.append(" | |\n");
			}
		}
		this.report.append('\n');
		timings.forEach((timing) -> this.report.append("- ").append(timing).append('\n'));
		this.report.append("\nFor comparison, each of ").append(format("%,d", size))
			.append(" clients built in the same application, alone:\n\n| client | heap per client |\n|---|---|\n");
		clients.forEach((client, bytes) -> this.report.append("| ").append(client).append(" | ")
			.append(format("%,.0f B", bytes)).append(" |\n"));
		this.report.append('\n');
		Map<State, HeapHistogram> starter = heaps.get(columns.get(0));
		Map<State, HeapHistogram> stock = heaps.get(STOCK);
		this.report.append("#### Where the bytes are (").append(columns.get(0)).append("; per org, the classes of at least 8 B)\n\n");
		growth("registered, never used", starter.get(State.REGISTERED), starter.get(State.BEFORE), size);
		growth("what the first call through its WebClient added", starter.get(State.CALLED),
				starter.get(State.REGISTERED), size);
		growth("what a call through its RestClient added", starter.get(State.CALLED_BOTH), starter.get(State.CALLED),
				size);
		growth("what is left after release, beyond the registered org", starter.get(State.RELEASED),
				starter.get(State.REGISTERED), size);
		growth("stock Spring Security, registered", stock.get(State.REGISTERED), stock.get(State.BEFORE), size);
		growth("stock Spring Security, what one call added", stock.get(State.CALLED), stock.get(State.REGISTERED),
				size);
	}

	private static String perOrg(HeapHistogram now, HeapHistogram before, int size) {
		return format("%,.0f B (%,.0f B)", (double) (now.bytes() - before.bytes()) / size,
				(double) (now.heapUsed() - before.heapUsed()) / size);
	}

	private void growth(String title, HeapHistogram now, HeapHistogram before, int size) {
		this.report.append("| ").append(title).append(": class | instances | bytes |\n|---|---|---|\n");
		double shown = 0;
		for (HeapHistogram.Growth growth : now.growthSince(before, size)) {
			if (growth.bytesPer() < 8) {
				continue;
			}
			shown += growth.bytesPer();
			this.report.append("| `").append(growth.className()).append("` | ")
				.append(format("%.2f", growth.instancesPer())).append(" | ")
				.append(format("%,.0f", growth.bytesPer())).append(" |\n");
		}
		double total = (double) (now.bytes() - before.bytes()) / size;
		this.report.append("| all others | | ").append(format("%,.0f", total - shown)).append(" |\n")
			.append("| **total** | | **").append(format("%,.0f", total)).append("** |\n\n");
	}

	// 15
	private void seriesReport(Map<String, Series> series, List<String> columns) {
		this.report.append("### 15. Metric series per org (Prometheus scrape)\n\n")
			.append("Sample lines of `PrometheusMeterRegistry.scrape()` carrying one org's `org` tag, by metric; and all sample lines the ")
			.append(format("%,d", this.settings.orgs()))
			.append(" orgs added, whatever their metric (Boot's `http_client_requests` included), per org.\n\n");
		tableHeader("series", columns);
		seriesRow("one org after its first call (token request succeeded)", columns, series,
				(s) -> s.used().describe());
		seriesRow("the same org after its release", columns, series, (s) -> s.released().describe());
		seriesRow("an org whose token request was refused (`invalid_client`)", columns, series,
				(s) -> s.refused().describe());
		seriesRow("shared by all run-time orgs (`org=\"run-time\"`), after the refusal", columns, series,
				(s) -> s.shared().describe());
		seriesRow("all lines added by the orgs, per org: called once; released", columns, series,
				(s) -> format("%.2f; %.2f", (double) (s.used().lines() - s.before().lines()) / s.orgs(),
						(double) (s.released().lines() - s.before().lines()) / s.orgs()));
		this.report.append('\n');
	}

	private void tableHeader(String first, List<String> columns, String... more) {
		List<String> all = new ArrayList<>(columns);
		all.addAll(List.of(more));
		this.report.append("| ").append(first).append(" |");
		all.forEach((column) -> this.report.append(' ').append(column).append(" |"));
		this.report.append("\n|---|");
		all.forEach((column) -> this.report.append("---|"));
		this.report.append('\n');
	}

	private void seriesRow(String title, List<String> columns, Map<String, Series> series,
			Function<Series, String> cell) {
		this.report.append("| ").append(title).append(" |");
		columns.forEach((column) -> this.report.append(' ').append(cell.apply(series.get(column))).append(" |"));
		this.report.append('\n');
	}

	/**
	 * Prometheus scrapes of one application: before the fleet, after each org was called, after the orgs were
	 * released, and after a refused org's call (its series, and those shared by run-time orgs).
	 */
	record Series(Scrape before, Scrape used, Scrape released, Scrape refused, Scrape shared, int orgs) {
	}

	/**
	 * What one scrape showed: how many sample lines in all, and those of one {@code org} tag, by metric.
	 *
	 * @param lines sample lines, comments left out
	 * @param ofOrg the org's sample lines, by metric
	 */
	record Scrape(int lines, Map<String, Integer> ofOrg) {

		static Scrape of(PrometheusMeterRegistry registry, String org) {
			int lines = 0;
			Map<String, Integer> ofOrg = new TreeMap<>();
			String tag = "org=\"" + org + "\"";
			for (String line : registry.scrape().split("\n")) {
				if (line.isBlank() || line.startsWith("#")) {
					continue;
				}
				lines++;
				if (line.contains(tag)) {
					ofOrg.merge(line.substring(0, line.indexOf('{')), 1, Integer::sum);
				}
			}
			return new Scrape(lines, ofOrg);
		}

		String describe() {
			int total = this.ofOrg.values().stream().mapToInt(Integer::intValue).sum();
			StringBuilder text = new StringBuilder("**").append(total).append("**");
			String separator = ": ";
			for (Map.Entry<String, Integer> metric : this.ofOrg.entrySet()) {
				text.append(separator).append('`').append(metric.getKey()).append("` ").append(metric.getValue());
				separator = ", ";
			}
			return text.toString();
		}

	}

	private void register(GenesysOrgs orgs, Fleet fleet, LocalGenesys genesys) {
		fleet.forEach((i) -> orgs.register(fleet.name(i), GenesysOrgSettings.builder()
			.clientId(fleet.clientId(i))
			.clientSecret(fleet.secret(i))
			.tokenUri(URI.create(genesys.tokenUri()))
			.apiBaseUrl(URI.create(genesys.baseUrl()))
			.build()));
	}

	private Load.Result callThroughWebClients(GenesysOrgWebClients webClients, Fleet fleet) {
		return calls(fleet, Callers.ofRequests((i) -> webClients.webClient(fleet.name(i)).get().uri(Load.PATH)));
	}

	private Load.Result callThroughRestClients(GenesysOrgs orgs, Fleet fleet) {
		try (CallerThreads threads = CallerThreads.platform(this.settings.orgCallers())) {
			return calls(fleet, Callers.ofRequests(
					nextOf(fleet, (name) -> orgs.org(name).restClient().get().uri(Load.PATH)), threads));
		}
	}

	private Load.Result calls(Fleet fleet, Callers callers) {
		return new Load(fleet.size()).calls(callers, this.settings.orgCallers(), fleet.size());
	}

	// every org of the fleet made exactly these requests since the counts were last reset; then reset
	private static void expectEach(LocalGenesys genesys, Fleet fleet, int tokenRequests, int apiRequests,
			String when) {
		List<String> wrong = new ArrayList<>();
		fleet.forEach((i) -> {
			int tokens = genesys.tokenRequests(fleet.clientId(i));
			int api = genesys.apiRequests(fleet.clientId(i));
			if ((tokens != tokenRequests || api != apiRequests) && wrong.size() < 5) {
				wrong.add(fleet.name(i) + ": " + tokens + " token and " + api + " API requests");
			}
		});
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("Expected " + tokenRequests + " token and " + apiRequests
					+ " API requests from each org " + when + ", but " + wrong);
		}
		genesys.resetClientCounts();
	}

	private static void expect(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("Expected: " + what);
		}
	}

	private Fleet fleet(String prefix, int size) {
		return new Fleet(prefix, this.fleets.incrementAndGet(), size);
	}

	/**
	 * Orgs {@code <prefix>-0} to {@code <prefix>-<size - 1>}, each with a client id and secret of its own, made anew
	 * from the number at each use, so that the benchmark holds nothing per org that the heap would count.
	 */
	record Fleet(String prefix, int number, int size) {

		String name(int i) {
			return this.prefix + "-" + i;
		}

		// a Genesys client id is a UUID
		String clientId(int i) {
			return format("%08x-0000-4000-8000-%012x", this.number, i);
		}

		// and its secret 43 characters
		String secret(int i) {
			return format("secret-%036d", i);
		}

		void forEach(IntConsumer action) {
			for (int i = 0; i < this.size; i++) {
				action.accept(i);
			}
		}

	}

	private static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OrgsApplication {

		@Bean
		BenchClock genesysClock() {
			return new BenchClock();
		}

	}

}
