package io.github.genesysoauth.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that blocking callers run on: platform threads, or a virtual thread for each caller.
 *
 * <p>Allocation and CPU time are read per live platform thread ({@link Load}), so the threads that did a run's work
 * must still be alive when it ends: the platform threads are a fixed pool that never lets one go, and a virtual
 * thread's work is counted on its carriers, which outlive it.
 */
final class CallerThreads implements AutoCloseable {

	private final String label;

	private final ExecutorService executor;

	private final int maxCallers;

	private CallerThreads(String label, ExecutorService executor, int maxCallers) {
		this.label = label;
		this.executor = executor;
		this.maxCallers = maxCallers;
	}

	/**
	 * Platform threads, as many as the largest number of callers, all started: a fixed pool's threads do not time out,
	 * unlike a cached pool's, whose thread ending during a run would take its counts with it.
	 */
	static CallerThreads platform(int size) {
		AtomicInteger count = new AtomicInteger();
		ThreadFactory threads = (task) -> {
			Thread thread = new Thread(task, "bench-caller-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(size, threads);
		// started now, so that the first run on the pool does not pay for creating them and the next one not
		pool.prestartAllCoreThreads();
		return new CallerThreads("platform threads", pool, size);
	}

	/**
	 * A virtual thread for each caller, or {@code null} on a JVM older than 21. Found by reflection, as the
	 * benchmarks compile for Java 17 like the starter.
	 */
	static CallerThreads virtual() {
		try {
			ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
				.invoke(null);
			return new CallerThreads("virtual threads", executor, Integer.MAX_VALUE);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Could not create a virtual-thread executor", ex);
		}
	}

	/** What the report calls them: "platform threads" or "virtual threads". */
	String label() {
		return this.label;
	}

	/** How many callers can run at once: the pool's size, or no limit for virtual threads. */
	int maxCallers() {
		return this.maxCallers;
	}

	ExecutorService executor() {
		return this.executor;
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
