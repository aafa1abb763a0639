package io.github.genesysoauth.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The markdown report of one run, which every benchmark appends its tables to, and the targets they missed; closed
 * by {@link #finish(long)} with the time the run took and the machine it ran on.
 */
final class Report {

	private static final OperatingSystemMXBean OPERATING_SYSTEM = ManagementFactory.getOperatingSystemMXBean();

	private final StringBuilder text = new StringBuilder();

	private final List<String> missed = new ArrayList<>();

	private final double loadAverageAtStart = OPERATING_SYSTEM.getSystemLoadAverage();

	/** Appends to the report's text, and returns that text to append more to. */
	StringBuilder append(CharSequence text) {
		return this.text.append(text);
	}

	StringBuilder append(char c) {
		return this.text.append(c);
	}

	void check(boolean met, String what) {
		if (!met) {
			this.missed.add(what);
		}
	}

	List<String> missed() {
		return this.missed;
	}

	// the machine's load average beside the time: on shared cores, what else ran explains much of the spread
	String finish(long start) {
		return this.text.append("All of it took ")
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

	/** {@link String#format} in {@link Locale#ROOT}: the same decimal point in every table, whatever the machine's. */
	static String format(String pattern, Object... values) {
		return String.format(Locale.ROOT, pattern, values);
	}

}
