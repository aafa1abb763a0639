package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.genesysoauth.org.GenesysOrgs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * 12 to 15, many Genesys orgs in one application: the heap each org costs, registered and never used, used once and
 * released again; 1,000 orgs each called once at the same time; and the metric series each org adds. Against a real
 * {@link GenesysOrgs} from the auto-configuration, in a Spring Boot application with Micrometer's Prometheus registry
 * (Boot's metrics auto-configuration, as with the actuator), and side by side with stock Spring Security holding the
 * same registrations. See {@code benchmarks/README.md}. This class starts the applications and runs the measurements
 * in order ({@link OrgHeaps}, {@link OrgBursts}); {@link OrgsReport} writes their tables.
 */
final class OrgsBenchmarks {

	/** The application's org idle timeout; the benchmark's clock jumps past it. */
	static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);

	static final String STOCK = "stock Spring Security";

	private final Report report;

	private final OrgHeaps heaps;

	private final OrgBursts bursts;

	private final OrgsReport tables;

	OrgsBenchmarks(BenchSettings settings, Report report) {
		this.report = report;
		OrgFleets fleets = new OrgFleets();
		this.heaps = new OrgHeaps(settings, fleets);
		this.bursts = new OrgBursts(settings, fleets);
		this.tables = new OrgsReport(settings, report);
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

	/** Runs 12 to 15 and appends their tables to the report. */
	void run() {
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
				heaps.put(tagged, this.heaps.starterHeap(context, genesys, series, tagged, timings));
				heaps.put(STOCK, this.heaps.stockHeap(context, genesys, timings));
				clients = this.heaps.clientHeap(context, genesys);
				this.bursts.bursts(context, genesys, bursts);
			}
			try (ConfigurableApplicationContext context = start(genesys, false)) {
				heaps.put(untagged, this.heaps.starterHeap(context, genesys, series, untagged, timings));
			}
		}
		this.tables.heapReport(heaps, List.of(tagged, untagged, STOCK), timings, clients);
		this.report.append(bursts);
		this.tables.seriesReport(series, List.of(tagged, untagged));
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

	/**
	 * Prometheus scrapes of one application: before the fleet, after each org was called, after the orgs were
	 * released, and after a refused org's call (its series, and those shared by run-time orgs).
	 */
	record Series(Scrape before, Scrape used, Scrape released, Scrape refused, Scrape shared, int orgs) {
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
