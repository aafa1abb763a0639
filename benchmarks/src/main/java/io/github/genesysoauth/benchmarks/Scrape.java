package io.github.genesysoauth.benchmarks;

import java.util.Map;
import java.util.TreeMap;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

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
