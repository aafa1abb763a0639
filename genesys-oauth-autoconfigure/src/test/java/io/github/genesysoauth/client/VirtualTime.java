package io.github.genesysoauth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Minutes of waits run at once, exactly: a clock and a scheduler that share a virtual time, and a driver that moves
 * the time on only while every caller waits for a timer of that scheduler (never while a request or a token is under
 * way). A caller is a thread or a reactive chain that the test counts in and out ({@link #callerDone()}); each waiting
 * caller waits for one timer, so "every caller waits" is "as many timers pending as callers not done". The time then
 * jumps to the earliest timer, whose callers go on. Like a discrete-event simulation: the waits the policy asks for
 * are what the test measures, to the millisecond, and the test takes the time the network takes.
 */
final class VirtualTime {

	private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

	private final VirtualTimeScheduler virtual = VirtualTimeScheduler.create();

	private final Map<Object, Long> pending = new ConcurrentHashMap<>();

	private final AtomicLong callers = new AtomicLong();

	private final Object changed = new Object();

	private final Clock clock = new Clock() {

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return START.plusNanos(VirtualTime.this.virtual.now(TimeUnit.NANOSECONDS));
		}

	};

	/** The scheduler to time the policy's waits on: timers of virtual time, counted while pending. */
	private final Scheduler timers = new Scheduler() {

		@Override
		public Disposable schedule(Runnable task) {
			return VirtualTime.this.virtual.schedule(task);
		}

		@Override
		public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
			Object timer = new Object();
			Disposable scheduled;
			// counted and scheduled at once, as the driver sees them: time never moves on between the two
			synchronized (VirtualTime.this.changed) {
				long due = VirtualTime.this.virtual.now(TimeUnit.NANOSECONDS) + unit.toNanos(delay);
				VirtualTime.this.pending.put(timer, due);
				scheduled = VirtualTime.this.virtual.schedule(() -> {
					VirtualTime.this.pending.remove(timer);
					task.run();
				}, delay, unit);
				VirtualTime.this.changed.notifyAll();
			}
			return () -> {
				scheduled.dispose();
				if (VirtualTime.this.pending.remove(timer) != null) {
					signal();
				}
			};
		}

		@Override
		public Worker createWorker() {
			return VirtualTime.this.virtual.createWorker();
		}

		@Override
		public long now(TimeUnit unit) {
			return VirtualTime.this.virtual.now(unit);
		}

	};

	Clock clock() {
		return this.clock;
	}

	Scheduler scheduler() {
		return this.timers;
	}

	/** Time elapsed since the start. */
	Duration elapsed() {
		return Duration.between(START, this.clock.instant());
	}

	/** Counts callers in; each must be counted out with {@link #callerDone()}. */
	void callers(int count) {
		this.callers.addAndGet(count);
	}

	void callerDone() {
		this.callers.decrementAndGet();
		signal();
	}

	/**
	 * Moves the time on whenever every caller waits, until none is left.
	 * @param bound the longest real time to wait for callers to settle, each time, before the test fails
	 */
	void run(Duration bound) throws InterruptedException {
		for (;;) {
			// the check and the move are one step: no timer is added between them
			synchronized (this.changed) {
				long deadline = System.nanoTime() + bound.toNanos();
				while (this.callers.get() > 0 && this.pending.size() < this.callers.get()) {
					long left = deadline - System.nanoTime();
					if (left <= 0) {
						throw new AssertionError("callers did not settle within " + bound + ": " + this.callers.get()
								+ " callers, " + this.pending.size() + " timers pending at " + elapsed());
					}
					this.changed.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
				}
				if (this.callers.get() == 0) {
					return;
				}
				long next = this.pending.values().stream().mapToLong(Long::longValue).min().orElseThrow();
				long now = this.virtual.now(TimeUnit.NANOSECONDS);
				this.virtual.advanceTimeBy(Duration.ofNanos(Math.max(0, next - now)));
			}
		}
	}

	private void signal() {
		synchronized (this.changed) {
			this.changed.notifyAll();
		}
	}

	void dispose() {
		this.virtual.dispose();
	}

}
