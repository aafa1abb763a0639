package io.github.genesysoauth.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;

/**
 * Closed-loop load: {@code concurrency} calls in flight, each started as another ends, for a duration; with the
 * latency of each call and the bytes allocated on every thread but the server's. The same for every kind of client:
 * {@link Callers} make the calls and report each one here.
 */
final class Load {

	static final String PATH = "/api/v2/organizations/me";

	/** A failed call is retried by its caller after this pause, as a request loop would. */
	static final Duration PAUSE_AFTER_FAILURE = Duration.ofMillis(10);

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private final long[] latencies;

	private final AtomicInteger recorded = new AtomicInteger();

	private final AtomicLong failures = new AtomicLong();

	private final AtomicLong lastSuccessNanos = new AtomicLong();

	private volatile long firstSuccessAfterNanos = Long.MAX_VALUE;

	private volatile long watchFromNanos = Long.MAX_VALUE;

	Load(int capacity) {
		this.latencies = new long[capacity];
	}

	/** What one run measured. */
	record Result(long calls, long failures, double callsPerSecond, long p50Nanos, long p99Nanos, long maxNanos,
			double bytesPerCall, double cpuNanosPerCall) {
	}

	/** Keeps {@code concurrency} calls going for the duration. */
	Result run(Callers callers, int concurrency, Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		return measure(callers, concurrency, () -> System.nanoTime() - end < 0);
	}

	/** A burst: {@code size} callers make one call each, all at once. */
	Result burst(Callers callers, int size) {
		return calls(callers, size, size);
	}

	/** Exactly {@code calls} calls, {@code concurrency} at a time. */
	Result calls(Callers callers, int concurrency, int calls) {
		AtomicInteger left = new AtomicInteger(calls);
		return measure(callers, concurrency, () -> left.getAndDecrement() > 0);
	}

	private Result measure(Callers callers, int concurrency, BooleanSupplier more) {
		this.recorded.set(0);
		this.failures.set(0);
		// each run starts from a collected heap, so that one client's garbage is not another's pause
		System.gc();
		long allocatedBefore = clientSideAllocatedBytes();
		long cpuBefore = clientSideCpuNanos();
		long start = System.nanoTime();
		callers.run(concurrency, more, this);
		long elapsed = System.nanoTime() - start;
		long allocated = clientSideAllocatedBytes() - allocatedBefore;
		long cpu = clientSideCpuNanos() - cpuBefore;
		int calls = Math.min(this.recorded.get(), this.latencies.length);
		long[] sorted = Arrays.copyOf(this.latencies, calls);
		Arrays.sort(sorted);
		long total = calls + this.failures.get();
		return new Result(total, this.failures.get(), total * 1e9 / elapsed, percentile(sorted, 0.50),
				percentile(sorted, 0.99), percentile(sorted, 1.0), (total > 0) ? (double) allocated / total : 0,
				(total > 0) ? (double) cpu / total : 0);
	}

	/** From now on, remembers when the first call succeeds. */
	void watchForFirstSuccess() {
		this.firstSuccessAfterNanos = Long.MAX_VALUE;
		this.watchFromNanos = System.nanoTime();
	}

	long firstSuccessAfterNanos() {
		return this.firstSuccessAfterNanos;
	}

	long watchFromNanos() {
		return this.watchFromNanos;
	}

	/** A call that started at {@code start} (nano time) succeeded. */
	void succeeded(long start) {
		long now = System.nanoTime();
		int index = this.recorded.getAndIncrement();
		if (index < this.latencies.length) {
			this.latencies[index] = now - start;
		}
		this.lastSuccessNanos.set(now);
		if (now - this.watchFromNanos >= 0 && this.firstSuccessAfterNanos == Long.MAX_VALUE) {
			this.firstSuccessAfterNanos = now;
		}
	}

	/** A call failed; its caller pauses for {@link #PAUSE_AFTER_FAILURE} before the next. */
	void failed() {
		this.failures.incrementAndGet();
	}

	private static long percentile(long[] sorted, double quantile) {
		if (sorted.length == 0) {
			return 0;
		}
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
	}

	/**
	 * CPU time so far of every live thread except the server's event loops: unlike throughput, blind to time the
	 * machine gave to others.
	 */
	static long clientSideCpuNanos() {
		return sumOverClientThreads(THREADS::getThreadCpuTime);
	}

	/** Bytes allocated so far by every live thread except the server's event loops. */
	static long clientSideAllocatedBytes() {
		return sumOverClientThreads(THREADS::getThreadAllocatedBytes);
	}

	private static long sumOverClientThreads(LongUnaryOperator perThreadId) {
		long total = 0;
		// platform threads only: a virtual thread's allocation and CPU time are its carriers', which are listed here
		// and, unlike the virtual threads, outlive a run
		for (Thread thread : Thread.getAllStackTraces().keySet()) {
			if (!thread.getName().startsWith(LocalGenesys.SERVER_THREAD_PREFIX)) {
				// -1 for a thread that ended meanwhile, or where the JVM does not measure
				total += Math.max(0, perThreadId.applyAsLong(thread.getId()));
			}
		}
		return total;
	}

}
