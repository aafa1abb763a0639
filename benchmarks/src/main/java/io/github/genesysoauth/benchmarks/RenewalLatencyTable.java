package io.github.genesysoauth.benchmarks;

import java.time.Duration;
import java.util.List;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 16: {@link RenewalLatency} measured with the run's settings, written as a table, and its target checked.
 */
final class RenewalLatencyTable {

	private final BenchSettings settings;

	private final Report report;

	RenewalLatencyTable(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	// 16
	void run(LocalGenesys genesys, Clients clients) {
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
		this.report.check(starter.failures() == 0 && starter.p99Ratio() <= 1.1
				&& Math.abs(starter.tokenRequests() - renewals) <= 1, "renewal latency");
		this.report.append('\n');
	}

}
