package io.github.genesysoauth.test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** When a fault applies: to the next so many requests, or to every request until an instant of the stand-in's clock. */
final class FaultSchedule<F> {

	private final Clock clock;

	private volatile Plan<F> plan;

	FaultSchedule(Clock clock) {
		this.clock = clock;
	}

	void failNext(int count, F fault) {
		Objects.requireNonNull(fault, "fault");
		if (count < 0) {
			throw new IllegalArgumentException("count must not be negative, not " + count);
		}
		this.plan = new Plan<>(fault, new AtomicInteger(count), null);
	}

	void failFor(Duration period, F fault) {
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(fault, "fault");
		if (period.isNegative()) {
			throw new IllegalArgumentException("period must not be negative, not " + period);
		}
		this.plan = new Plan<>(fault, null, this.clock.instant().plus(period));
	}

	void heal() {
		this.plan = null;
	}

	/** The fault for the request arriving now, or {@code null} for none. */
	F next() {
		Plan<F> current = this.plan;
		if (current == null) {
			return null;
		}
		if (current.remaining != null) {
			return (current.remaining.getAndDecrement() > 0) ? current.fault : null;
		}
		return this.clock.instant().isBefore(current.until) ? current.fault : null;
	}

	private record Plan<F>(F fault, AtomicInteger remaining, Instant until) {
	}

}
