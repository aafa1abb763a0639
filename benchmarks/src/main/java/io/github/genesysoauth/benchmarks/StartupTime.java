package io.github.genesysoauth.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * 6: the context start of one application with the starter and without it, each in JVMs of its own
 * ({@link StartupMain}) on this JVM's class path; two rows of the token table ({@link TokenEconomy#TOKEN_TABLE}).
 */
final class StartupTime {

	private final BenchSettings settings;

	private final Report report;

	StartupTime(BenchSettings settings, Report report) {
		this.settings = settings;
		this.report = report;
	}

	// 6
	void run() throws IOException, InterruptedException {
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
		this.report.check(met, "start-up of " + what);
		this.report.append("| context start, ").append(what).append(" (median of ").append(this.settings.startupRuns())
			.append(" JVMs each): with the starter; without it | ")
			.append(format("%.0f ms (%.2f x)", Stats.median(with), ratio))
			.append(" | ").append(format("%.0f ms", Stats.median(without)))
			.append(" (same app, starter excluded) | <= 1.10 x | ").append(met ? "met" : "**missed**").append(" |\n");
	}

	private static double startupMillis(String variant, String mode) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(JavaCommand.of(System.getProperty("java.class.path"), List.of(),
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

}
