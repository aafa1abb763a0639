package io.github.genesysoauth.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Truly concurrent callers, for tests that count what a burst costs: each on a thread of its own, all released at
 * once by a barrier.
 */
public final class ConcurrentCallers {

	private ConcurrentCallers() {
	}

	/**
	 * Runs the call on that many threads released at once.
	 * @param callers how many
	 * @param call what each does
	 * @return the distinct results
	 * @throws Exception the first failure of a call, or a timeout after a minute
	 */
	public static Set<String> call(int callers, Callable<String> call) throws Exception {
		CyclicBarrier start = new CyclicBarrier(callers);
		Set<String> results = ConcurrentHashMap.newKeySet();
		AtomicInteger index = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(callers,
				(runnable) -> new Thread(runnable, "caller-" + index.getAndIncrement()));
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return call.call();
				}));
			}
			for (Future<String> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			threads.shutdownNow();
		}
		return results;
	}

}
