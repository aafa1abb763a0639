package io.github.genesysoauth.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects on the heap by class, as {@code jcmd <pid> GC.class_histogram} prints them: taken in-process through
 * the HotSpot diagnostic command MBean ({@code gcClassHistogram}), which runs a full collection first, so that only
 * reachable objects count. The heap's used bytes are read right after it, as a second opinion on the total.
 *
 * <p>Kept in a file until it is compared, not on the heap: a histogram has a row for each of some 4,000 classes, and
 * the histograms of earlier states, kept as objects, would be counted in every later one.
 */
final class HeapHistogram {

	// "   1:        123456       7890123  [B (java.base@17.0.15)"
	private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

	private final Path file;

	private final long heapUsed;

	// read from the file at the first comparison, once every histogram of the run has been taken
	private Map<String, long[]> classes;

	private HeapHistogram(Path file, long heapUsed) {
		this.file = file;
		this.heapUsed = heapUsed;
	}

	/**
	 * Takes the histogram of what is reachable now. Collects once before, with a pause for the reference handler
	 * and cleaners to finish what that collection found unreachable, before the histogram's own.
	 */
	static HeapHistogram take() {
		System.gc();
		pause();
		String text;
		try {
			text = (String) ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
						new Object[] { new String[0] }, new String[] { String[].class.getName() });
		}
		catch (JMException ex) {
			throw new IllegalStateException("This JVM has no class histogram (a HotSpot JVM has)", ex);
		}
		long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		try {
			Path file = Files.createTempFile("genesys-oauth-heap-", ".histogram");
			file.toFile().deleteOnExit();
			Files.writeString(file, text, StandardCharsets.UTF_8);
			return new HeapHistogram(file, heapUsed);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Map<String, long[]> classes() {
		if (this.classes == null) {
			this.classes = read(this.file);
		}
		return this.classes;
	}

	private static Map<String, long[]> read(Path file) {
		String text;
		try {
			text = Files.readString(file, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, long[]> classes = new HashMap<>();
		for (String line : text.split("\n")) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				// a hidden class's name ends in its address, another in the next histogram: one row for all of them
				String name = row.group(3).replaceAll("/0x[0-9a-f]+$", "/0x...");
				long[] counts = classes.computeIfAbsent(name, (n) -> new long[2]);
				counts[0] += Long.parseLong(row.group(1));
				counts[1] += Long.parseLong(row.group(2));
			}
		}
		return classes;
	}

	/** Bytes of live objects, all classes; like {@link #growthSince}, only once all histograms are taken. */
	long bytes() {
		return classes().values().stream().mapToLong((counts) -> counts[1]).sum();
	}

	/** The heap's used bytes right after the histogram's full collection. */
	long heapUsed() {
		return this.heapUsed;
	}

	/** What grew since {@code before}: the classes whose bytes grew by at least one per {@code per}, most first. */
	List<Growth> growthSince(HeapHistogram before, int per) {
		Map<String, long[]> nowClasses = classes();
		Map<String, long[]> thenClasses = before.classes();
		Set<String> names = new TreeSet<>(nowClasses.keySet());
		names.addAll(thenClasses.keySet());
		List<Growth> growth = new ArrayList<>();
		for (String name : names) {
			long[] now = nowClasses.getOrDefault(name, new long[2]);
			long[] then = thenClasses.getOrDefault(name, new long[2]);
			long bytes = now[1] - then[1];
			if (Math.abs(bytes) >= per) {
				growth.add(new Growth(name, (double) (now[0] - then[0]) / per, (double) bytes / per));
			}
		}
		growth.sort(Comparator.comparingDouble(Growth::bytesPer).reversed());
		return growth;
	}

	/**
	 * One class's growth, per org (or whatever was counted).
	 *
	 * @param className as the histogram names it ({@code [B} for byte arrays)
	 * @param instancesPer instances more, per org
	 * @param bytesPer bytes more, per org
	 */
	record Growth(String className, double instancesPer, double bytesPer) {
	}

	private static void pause() {
		try {
			Thread.sleep(50);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
