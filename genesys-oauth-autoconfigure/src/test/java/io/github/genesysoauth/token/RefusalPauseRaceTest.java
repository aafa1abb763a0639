package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pause after a refusal holds however the callers interleave: a caller that found no failure yet must not start
 * a second flight once the first has failed. Many short trials of 32 threads released at once, each against a fresh
 * token source with a wrong secret; {@code verify} runs 200 trials, {@code -Dgenesys.stress.trials=1000} the full
 * count.
 */
@Tag("stress")
class RefusalPauseRaceTest {

	private static final int CALLERS = 32;

	@Test
	void everyBurstWithAWrongSecretCostsExactlyOneTokenRequest() throws Exception {
		int trials = Integer.getInteger("genesys.stress.trials", 200);
		MutableClock clock = MutableClock.of(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().serverThreads(8).start()) {
			ClientRegistration wrongSecret = ClientRegistration.withClientRegistration(registration(genesys))
				.clientSecret("not-the-secret")
				.build();
			Map<Integer, Integer> trialsByTokenRequests = new TreeMap<>();
			for (int trial = 0; trial < trials; trial++) {
				GenesysAccessTokens tokens = GenesysAccessTokens.builder(wrongSecret).clock(clock).build();
				int before = genesys.tokenRequests();
				burst(threads, tokens);
				trialsByTokenRequests.merge(genesys.tokenRequests() - before, 1, Integer::sum);
			}

			assertThat(trialsByTokenRequests).as("trials by the token requests each cost")
				.containsExactly(Map.entry(1, trials));
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void burst(ExecutorService threads, GenesysAccessTokens tokens) throws Exception {
		CyclicBarrier start = new CyclicBarrier(CALLERS);
		List<Future<String>> outcomes = new ArrayList<>();
		for (int caller = 0; caller < CALLERS; caller++) {
			outcomes.add(threads.submit(() -> {
				start.await(30, TimeUnit.SECONDS);
				try {
					tokens.accessToken().block(Duration.ofSeconds(30));
					return "token";
				}
				catch (GenesysAuthenticationException ex) {
					return ex.getErrorCode();
				}
			}));
		}
		for (Future<String> outcome : outcomes) {
			assertThat(outcome.get(60, TimeUnit.SECONDS)).isEqualTo("invalid_client");
		}
	}

}
