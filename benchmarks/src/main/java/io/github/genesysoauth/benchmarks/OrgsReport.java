package io.github.genesysoauth.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.genesysoauth.benchmarks.OrgsBenchmarks.Series;
import io.github.genesysoauth.benchmarks.OrgsBenchmarks.State;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * The tables of 12 and 13 (the heap per org, and where its bytes are) and of 15 (the metric series per org), from
 * what {@link OrgHeaps} measured; one column for each application of the run.
 */
final class OrgsReport {

	private final BenchSettings settings;

	private final Report report;

	OrgsReport(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	// 12 and 13
	void heapReport(Map<String, Map<State, HeapHistogram>> heaps, List<String> columns, List<String> timings,
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
				this.report.check(met, "heap per registered org");
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
		Map<State, HeapHistogram> stock = heaps.get(OrgsBenchmarks.STOCK);
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
	void seriesReport(Map<String, Series> series, List<String> columns) {
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

}
