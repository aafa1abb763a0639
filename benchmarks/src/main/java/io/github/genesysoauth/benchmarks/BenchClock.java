package io.github.genesysoauth.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The system clock, which the benchmark can move forward: so that an org's idle timeout passes at once, without
 * sleeping, while everything else keeps the real time's pace.
 */
final class BenchClock extends Clock {

	private volatile Duration ahead = Duration.ZERO;

	/** Moves the clock forward. */
	void advance(Duration duration) {
		this.ahead = this.ahead.plus(duration);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.ahead);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("The benchmark's clock stays in UTC");
	}

}
