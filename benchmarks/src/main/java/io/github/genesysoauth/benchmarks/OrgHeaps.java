package io.github.genesysoauth.benchmarks;

import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.github.genesysoauth.benchmarks.OrgsBenchmarks.Series;
import io.github.genesysoauth.benchmarks.OrgsBenchmarks.State;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.ExchangeStrategies;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 12 and 13, and the scrapes of 15: the heap of a fleet in each {@link State}, for genesys-oauth and for stock Spring
 * Security, and of the clients Boot's builders make alone. Each org is called exactly once in each state it is
 * called in, and the run fails if it asked the local Genesys other than that.
 */
final class OrgHeaps {

	/** The {@code org} tag of run-time orgs' shared meters, with {@code tag-run-time-orgs=false}. */
	private static final String GENESYS_SHARED_LABEL = "run-time";

	private final BenchSettings settings;

	private final OrgFleets fleets;

	OrgHeaps(BenchSettings settings, OrgFleets fleets) {
		this.settings = settings;
		this.fleets = fleets;
	}

	// 12, 13 and 15 for genesys-oauth: a fleet registered, called through its WebClients, then its RestClients,
	// then released; the heap in each state, and the Prometheus series
	Map<State, HeapHistogram> starterHeap(ConfigurableApplicationContext context, LocalGenesys genesys,
			Map<String, Series> series, String label, List<String> timings) {
		GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
		GenesysOrgWebClients webClients = context.getBean(GenesysOrgWebClients.class);
		BenchClock clock = context.getBean(BenchClock.class);
		PrometheusMeterRegistry prometheus = context.getBean(PrometheusMeterRegistry.class);
		int size = this.settings.orgs();
		// every path once first, on orgs removed again, so that what is loaded and cached once is not counted per org
		Fleet warmUp = this.fleets.fleet("warm", Math.max(2, size / 50));
		this.fleets.register(orgs, warmUp, genesys);
		callThroughWebClients(webClients, warmUp);
		callThroughRestClients(orgs, warmUp);
		warmUp.forEach((i) -> orgs.remove(warmUp.name(i)));
		genesys.resetClientCounts();
		HeapHistogram.take();
		Map<State, HeapHistogram> heap = new EnumMap<>(State.class);
		// each scrape counted at once: the text of one with 10,000 orgs in it is megabytes, and would be counted
		Scrape before = Scrape.of(prometheus, "none");
		heap.put(State.BEFORE, HeapHistogram.take());

		Fleet fleet = this.fleets.fleet("org", size);
		long start = System.nanoTime();
		this.fleets.register(orgs, fleet, genesys);
		long registerNanos = System.nanoTime() - start;
		OrgFleets.expect(orgs.runTimeOrgs().active() == 0, "no org holds a token source before its first use");
		heap.put(State.REGISTERED, HeapHistogram.take());

		Load.Result web = callThroughWebClients(webClients, fleet);
		OrgFleets.expectEach(genesys, fleet, 1, 1, "after one call through its WebClient");
		heap.put(State.CALLED, HeapHistogram.take());

		Load.Result rest = callThroughRestClients(orgs, fleet);
		OrgFleets.expectEach(genesys, fleet, 0, 1, "after one call through its RestClient as well");
		heap.put(State.CALLED_BOTH, HeapHistogram.take());
		Scrape used = Scrape.of(prometheus, fleet.name(0));

		clock.advance(OrgsBenchmarks.IDLE_TIMEOUT.plusMinutes(1));
		orgs.releaseIdle();
		OrgFleets.expect(orgs.runTimeOrgs().active() == 0,
				"every org released its token source after the idle timeout");
		heap.put(State.RELEASED, HeapHistogram.take());
		Scrape released = Scrape.of(prometheus, fleet.name(0));

		// an org whose token request is refused: its series, tagged with the error
		Fleet refused = this.fleets.fleet("refused", 1);
		genesys.refuse(refused.clientId(0));
		this.fleets.register(orgs, refused, genesys);
		Load.Result refusedCall = callThroughWebClients(webClients, refused);
		OrgFleets.expect(refusedCall.failures() == 1, "the refused org's call failed");
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
	Map<String, Double> clientHeap(ConfigurableApplicationContext context, LocalGenesys genesys) {
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
	Map<State, HeapHistogram> stockHeap(ConfigurableApplicationContext context, LocalGenesys genesys,
			List<String> timings) {
		WebClient.Builder builder = context.getBean(WebClient.Builder.class);
		Fleet warmUp = this.fleets.fleet("stock-warm", Math.max(2, this.settings.orgs() / 50));
		callThroughStock(StockOrgs.webClient(builder, genesys, StockOrgs.registrations(warmUp, genesys)), genesys,
				warmUp);
		genesys.resetClientCounts();
		Map<State, HeapHistogram> heap = new EnumMap<>(State.class);
		heap.put(State.BEFORE, HeapHistogram.take());
		Fleet fleet = this.fleets.fleet("stock", this.settings.orgs());
		long start = System.nanoTime();
		InMemoryReactiveClientRegistrationRepository registrations = StockOrgs.registrations(fleet, genesys);
		long registerNanos = System.nanoTime() - start;
		heap.put(State.REGISTERED, HeapHistogram.take());
		// the client holds the authorized clients (tokens) its calls obtained: kept until the heap is measured
		WebClient client = StockOrgs.webClient(builder, genesys, registrations);
		Load.Result web = callThroughStock(client, genesys, fleet);
		heap.put(State.CALLED, HeapHistogram.take());
		Reference.reachabilityFence(client);
		timings.add(format("%s: building the repository of %d registrations took %d ms; calling each once took %.1f s "
				+ "(%d at a time)", OrgsBenchmarks.STOCK, fleet.size(), registerNanos / 1_000_000,
				web.calls() / web.callsPerSecond(), this.settings.orgCallers()));
		return heap;
	}

	private Load.Result callThroughStock(WebClient client, LocalGenesys genesys, Fleet fleet) {
		Load.Result result = new Load(fleet.size()).calls(StockOrgs.calls(client, fleet), this.settings.orgCallers(),
				fleet.size());
		OrgFleets.expectEach(genesys, fleet, 1, 1, "of stock Spring Security after one call");
		return result;
	}

	private Load.Result callThroughWebClients(GenesysOrgWebClients webClients, Fleet fleet) {
		return calls(fleet, Callers.ofRequests((i) -> webClients.webClient(fleet.name(i)).get().uri(Load.PATH)));
	}

	private Load.Result callThroughRestClients(GenesysOrgs orgs, Fleet fleet) {
		try (CallerThreads threads = CallerThreads.platform(this.settings.orgCallers())) {
			return calls(fleet, Callers.ofRequests(
					OrgFleets.nextOf(fleet, (name) -> orgs.org(name).restClient().get().uri(Load.PATH)), threads));
		}
	}

	private Load.Result calls(Fleet fleet, Callers callers) {
		return new Load(fleet.size()).calls(callers, this.settings.orgCallers(), fleet.size());
	}

}
