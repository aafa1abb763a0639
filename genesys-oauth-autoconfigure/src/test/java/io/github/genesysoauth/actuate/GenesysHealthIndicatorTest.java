package io.github.genesysoauth.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAccessTokensTestSupport;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

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
			WebClient nowhere = WebClient.builder().baseUrl("http://127.0.0.1:1").filter((request, next) -> {
				probes.incrementAndGet();
				return next.exchange(request);
			}).build();
			GenesysHealthIndicator health = new GenesysHealthIndicator(tokens, "us-east-1", Duration.ofSeconds(10),
					nowhere, this.clock);

			Health down = health.health().block(WAIT);
			health.health().block(WAIT);
			this.clock.add(Duration.ofSeconds(10));
			health.health().block(WAIT);

			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("error", "token_info_failed")
				.containsEntry("errorDescription", "GET /api/v2/tokens/me failed: WebClientRequestException");
			assertThat(probes).as("cached for 10 s, then checked again").hasValue(2);
		}
	}

}
