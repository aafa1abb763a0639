package io.github.genesysoauth.resilience;

import java.time.Duration;
import java.util.Set;

import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real-time outage of the login service under load, with the default retry settings: stock Spring Security sends
 * thousands of token requests during it; the starter's single flight and backoff send a handful, and every caller
 * is served again once it heals.
 */
class TokenEndpointOutageTest {

	private static final Duration OUTAGE = Duration.ofSeconds(3);

	private static final Duration GIVE_UP = Duration.ofSeconds(20);

	@Test
	void threeSecondOutageUnder32CallersCostsAtMostTenTokenRequests() throws Exception {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
			new ApplicationContextRunner()
				.withConfiguration(
						GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class))
				.withPropertyValues(genesys.propertyValues())
				.run((context) -> {
					WebClient client = context.getBean("genesysWebClient", WebClient.class);
					genesys.failTokenRequestsFor(OUTAGE, TokenFault.status(503));
					long start = System.nanoTime();

					Set<String> outcomes = callConcurrently(32, () -> callUntilServed(client, start));

					assertThat(outcomes).containsExactly("served");
					int failedDuringOutage = genesys.tokenRequests() - genesys.tokensIssued();
					assertThat(failedDuringOutage).as("token requests during the outage").isBetween(1, 10);
					assertThat(genesys.tokensIssued()).as("one token once healed, shared by all").isEqualTo(1);
				});
		}
	}

	private static String callUntilServed(WebClient client, long start) throws InterruptedException {
		while (Duration.ofNanos(System.nanoTime() - start).compareTo(GIVE_UP) < 0) {
			try {
				client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(GIVE_UP);
				return "served";
			}
			catch (GenesysAuthenticationException ex) {
				assertThat(ex.getErrorCode()).isEqualTo("server_error");
				// a caller that keeps trying, as a request loop would; the pacing is the caller's, not the starter's
				Thread.sleep(5);
			}
		}
		return "never served";
	}

}
