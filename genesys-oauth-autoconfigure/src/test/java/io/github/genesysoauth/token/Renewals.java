package io.github.genesysoauth.token;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits, bounded, for a renewal that runs in the background to end: tests that start one through
 * {@link GenesysAccessTokens#accessToken()} look at its outcome afterwards. Waits for something to happen, never for
 * something not to.
 */
public final class Renewals {

	private static final Duration BOUND = Duration.ofSeconds(20);

	private Renewals() {
	}

	/** Until the token source holds a fresh token again: the renewal landed. */
	public static void awaitFresh(GenesysAccessTokens tokens) {
		await(() -> tokens.freshToken() != null, "a fresh token");
	}

	/** Until the token source remembers a failure: the renewal failed. */
	public static void awaitFailure(GenesysAccessTokens tokens) {
		await(() -> tokens.state().lastFailure() != null, "a failed renewal");
	}

	public static void await(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + BOUND.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("No " + what + " within " + BOUND);
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
	}

}
