package io.github.genesysoauth.it;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import io.github.genesysoauth.token.GenesysAccessTokens;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits, bounded, for a renewal running in the background to land: waits for something to happen, never for nothing. */
final class Renewals {

	private Renewals() {
	}

	static void awaitFreshToken(GenesysAccessTokens tokens) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (tokens.freshToken() == null) {
			assertThat(System.nanoTime() - deadline).as("renewal landed within 20 s").isNegative();
			LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
		}
	}

}
