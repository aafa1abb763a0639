package io.github.genesysoauth.resilience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.Renewals;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Flux;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20,000 calls through {@code genesysWebClient} at 32 concurrent, across 19 renewals of 5-minute tokens driven by a
 * clock shared with the stand-in, with 401s, 429s and 503s injected every round: no call may fail, no request may
 * carry an expired token, and the token count must be exactly what the renewals and 401s predict.
 */
class SoakTest {

	private static final int ROUNDS = 20;

	private static final int CALLS_PER_ROUND = 1_000;

	private static final int FAULTS_PER_ROUND = 5;

	@Test
	void twentyThousandCallsAcrossRenewalsAndInjectedFaults() {
		MutableClock clock = MutableClock.of(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder()
			.clock(clock)
			.tokenLifetime(Duration.ofMinutes(5))
			.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class))
				.withBean("genesysClock", Clock.class, () -> clock)
				.withPropertyValues(genesys.propertyValues())
				// more attempts than faults injected per round, so that no call can run out of them
				.withPropertyValues("genesys.oauth.retry.max-attempts=" + (FAULTS_PER_ROUND + 1),
						"genesys.oauth.retry.initial-backoff=1ms", "genesys.oauth.retry.max-backoff=2ms",
						// thousands of calls a minute of the test's clock, to a stand-in that counts no limit: pacing
						// at the 300 a minute it assumes would hold them for minutes (RateLimitPacingTest paces)
						"genesys.oauth.rate-limit.mode=off")
				.run((context) -> {
					WebClient client = context.getBean("genesysWebClient", WebClient.class);
					GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
					AtomicInteger failed = new AtomicInteger();
					int unauthorizedRounds = 0;
					for (int round = 0; round < ROUNDS; round++) {
						if (round > 0) {
							// 5-minute tokens are renewed 60 s before expiry: one renewal per round, in the
							// background; it lands before the round's faults, so that a 401 costs a token of its own
							clock.add(Duration.ofMinutes(4));
							tokens.accessToken().block(Duration.ofSeconds(30));
							Renewals.awaitFresh(tokens);
						}
						switch (round % 3) {
							case 0 -> {
								genesys.failApiRequests(1, ApiFault.unauthorized());
								unauthorizedRounds++;
							}
							case 1 -> genesys.failApiRequests(FAULTS_PER_ROUND, ApiFault.rateLimited(Duration.ZERO));
							default -> genesys.failApiRequests(FAULTS_PER_ROUND, ApiFault.status(503));
						}
						List<String> bodies = Flux.range(0, CALLS_PER_ROUND)
							.flatMap((call) -> client.get()
								.uri("/api/v2/organizations/me")
								.retrieve()
								.bodyToMono(String.class)
								.doOnError((ex) -> failed.incrementAndGet())
								.onErrorReturn("failed"), 32)
							.collectList()
							.block(Duration.ofMinutes(2));
						assertThat(bodies).hasSize(CALLS_PER_ROUND).allMatch((body) -> body.contains("Stand-in Organization"));
					}

					assertThat(failed).hasValue(0);
					assertThat(genesys.expiredTokenApiRequests()).isZero();
					assertThat(genesys.faultedApiRequests()).isEqualTo(unauthorizedRounds
							+ (ROUNDS - unauthorizedRounds) * FAULTS_PER_ROUND);
					assertThat(genesys.apiRequests()).isEqualTo(ROUNDS * CALLS_PER_ROUND + genesys.faultedApiRequests());
					assertThat(genesys.tokenRequests()).as("1 + one per renewal + one per injected 401")
						.isEqualTo(1 + (ROUNDS - 1) + unauthorizedRounds);
				});
		}
	}

}
