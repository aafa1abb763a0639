package io.github.genesysoauth.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The callers of one client, as {@link Load} drives them: {@code concurrency} callers, each making one
 * {@code GET} of {@link Load#PATH} after another while {@code more} says so. All that differs between the kinds of
 * client is how a caller waits: a {@code WebClient}'s callers are calls in flight on its event loops, a
 * {@code RestClient}'s are threads blocked in it. What is counted around each call, and what a caller does after a
 * failure, is {@link Load}'s, the same for both.
 */
interface Callers {

	/**
	 * Runs the callers, and returns when the last call has ended.
	 * @param concurrency how many callers
	 * @param more asked before each call; the caller stops at the first {@code false}
	 * @param load what each call is told to
	 */
	void run(int concurrency, BooleanSupplier more, Load load);

	static Callers of(WebClient client) {
		return new Reactive((call) -> client.get().uri(Load.PATH));
	}

	static Callers of(RestClient client, CallerThreads threads) {
		return new Blocking(() -> client.get().uri(Load.PATH), threads);
	}

	/**
	 * Calls whose requests differ from one call to the next (another org's client, another registration's
	 * attribute): the request of call {@code i}, numbered from 0.
	 */
	static Callers ofRequests(IntFunction<WebClient.RequestHeadersSpec<?>> request) {
		return new Reactive(request);
	}

	/** As {@link #ofRequests(IntFunction)}, for blocking callers: asked for each call's request, on the caller's thread. */
	static Callers ofRequests(Supplier<RestClient.RequestHeadersSpec<?>> request, CallerThreads threads) {
		return new Blocking(request, threads);
	}

	/** Calls in flight on a {@code WebClient}; the calling thread only waits for the last of them. */
	final class Reactive implements Callers {

		private final IntFunction<WebClient.RequestHeadersSpec<?>> request;

		private Reactive(IntFunction<WebClient.RequestHeadersSpec<?>> request) {
			this.request = request;
		}

		@Override
		public void run(int concurrency, BooleanSupplier more, Load load) {
			Flux.range(0, Integer.MAX_VALUE)
				.takeWhile((i) -> more.getAsBoolean())
				.flatMap((i) -> call(i, load), concurrency, 1)
				.blockLast();
		}

		private Mono<String> call(int index, Load load) {
			return Mono.defer(() -> {
				long start = System.nanoTime();
				return this.request.apply(index)
					.retrieve()
					.bodyToMono(String.class)
					.doOnSuccess((body) -> load.succeeded(start))
					.onErrorResume((ex) -> {
						load.failed();
						return Mono.delay(Load.PAUSE_AFTER_FAILURE).then(Mono.empty());
					});
			});
		}

	}

	/** A thread for each caller, blocked in a {@code RestClient} for the whole of each call. */
	final class Blocking implements Callers {

		private final Supplier<RestClient.RequestHeadersSpec<?>> request;

		private final CallerThreads threads;

		private Blocking(Supplier<RestClient.RequestHeadersSpec<?>> request, CallerThreads threads) {
			this.request = request;
			this.threads = threads;
		}

		@Override
		public void run(int concurrency, BooleanSupplier more, Load load) {
			if (concurrency > this.threads.maxCallers()) {
				throw new IllegalArgumentException(concurrency + " callers on " + this.threads.maxCallers() + " "
						+ this.threads.label() + " would wait for one another for ever");
			}
			// Every caller makes its first call once all are on their threads, as a burst means: a pool hands queued
			// tasks to its threads one wake-up at a time, which on a busy machine spread a cold burst of 200 over
			// more than the 100 ms a token takes, and stock Spring Security's burst cost 6 token requests, not 200.
			CountDownLatch started = new CountDownLatch(concurrency);
			List<Future<?>> callers = new ArrayList<>(concurrency);
			for (int i = 0; i < concurrency; i++) {
				callers.add(this.threads.executor().submit(() -> {
					started.countDown();
					started.await();
					while (more.getAsBoolean()) {
						call(load);
					}
					return null;
				}));
			}
			try {
				for (Future<?> caller : callers) {
					caller.get();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("A caller failed", ex.getCause());
			}
		}

		private void call(Load load) {
			long start = System.nanoTime();
			try {
				this.request.get().retrieve().body(String.class);
			}
			catch (RuntimeException ex) {
				load.failed();
				pause();
				return;
			}
			load.succeeded(start);
		}

		private static void pause() {
			try {
				Thread.sleep(Load.PAUSE_AFTER_FAILURE.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
