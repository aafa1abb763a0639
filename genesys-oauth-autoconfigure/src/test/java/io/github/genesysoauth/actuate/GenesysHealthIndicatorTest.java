package io.github.genesysoauth.actuate;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAccessTokensTestSupport;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

class GenesysHealthIndicatorTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-07-01T00:00:00Z"), ZoneOffset.UTC);

	@Test
	void unreachableTokenInfoIsDownAndCheckedAgainOnceTheVerdictIsStale() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clock(this.clock).start()) {
			GenesysAccessTokens tokens = GenesysAccessTokens.builder(GenesysAccessTokensTestSupport.registration(genesys))
				.clock(this.clock)
				.build();
			AtomicInteger probes = new AtomicInteger();
			Function<String, Mono<Integer>> nowhere = (path) -> {
				probes.incrementAndGet();
				return Mono.error(new ConnectException("Connection refused"));
			};
			GenesysHealthIndicator health = new GenesysHealthIndicator(tokens, "us-east-1", Duration.ofSeconds(10),
					nowhere, this.clock);

			Health down = health.health().block(WAIT);
			health.health().block(WAIT);
			this.clock.add(Duration.ofSeconds(10));
			health.health().block(WAIT);

			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("error", "token_info_failed")
				.containsEntry("errorDescription", "GET /api/v2/tokens/me failed: ConnectException");
			assertThat(probes).as("cached for 10 s, then checked again").hasValue(2);
		}
	}

	@Test
	void aProbeThatNeverAnswersIsDownWithinTheTokenRequestTimeoutAndIsMadeAgainOnceStale() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clock(this.clock).start()) {
			GenesysAccessTokens tokens = GenesysAccessTokens.builder(GenesysAccessTokensTestSupport.registration(genesys))
				.clock(this.clock)
				.tokenRequestTimeout(Duration.ofMillis(300))
				.build();
			AtomicInteger probes = new AtomicInteger();
			Function<String, Mono<Integer>> hanging = (path) -> {
				probes.incrementAndGet();
				return Mono.never();
			};
			GenesysHealthIndicator health = new GenesysHealthIndicator(tokens, "us-east-1", Duration.ofSeconds(10),
					hanging, this.clock);
			Duration bound = Duration.ofMillis(300 + 1000);

			long start = System.nanoTime();
			Health first = health.health().block(bound.plusSeconds(2));
			Duration took = Duration.ofNanos(System.nanoTime() - start);
			Health cached = health.health().block(bound.plusSeconds(2));
			this.clock.add(Duration.ofSeconds(10));
			Health later = health.health().block(bound.plusSeconds(2));

			assertThat(took).isLessThan(bound.plusMillis(500));
			assertThat(first.getStatus()).isEqualTo(Status.DOWN);
			assertThat(first.getDetails()).containsEntry("error", "timeout")
				.containsEntry("errorDescription", "GET /api/v2/tokens/me did not answer within 1300 ms");
			assertThat(cached).isEqualTo(first);
			assertThat(later.getStatus()).isEqualTo(Status.DOWN);
			assertThat(probes).as("probed once, then again once the verdict was stale").hasValue(2);
		}
	}

}
