package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Closing the application context stops the starter's work at once: the token requests and backoffs of an outage,
 * and the wait before a retried API call. Each test closes the context in the middle of such work and counts what
 * the stand-in sees afterwards.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class ClosingTheContextTest {

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class));

	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@Test
	void closingDuringALoginOutageStopsTokenRequestsAndFailsTheWaitingCaller() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.retry.max-attempts=10", "genesys.oauth.retry.initial-backoff=20ms",
					"genesys.oauth.retry.max-backoff=40ms")
			.run((context) -> {
				genesys.failTokenRequests(1000, TokenFault.status(503));
				GenesysAccessTokens tokens = context.getBean("genesysAccessTokens", GenesysAccessTokens.class);
				CompletableFuture<String> call = organization(context.getBean("genesysWebClient", WebClient.class));
				awaitAtLeastOne(genesys::tokenRequests);

				long start = System.nanoTime();
				context.close();
				Duration closing = Duration.ofNanos(System.nanoTime() - start);
				int atClose = genesys.tokenRequests();

				GenesysAuthenticationException failure = failureOf(call);
				assertThat(failure.getErrorCode()).isEqualTo("closed");
				assertThat(failure).hasMessageContaining("shutting down");
				assertThat(closing).isLessThan(Duration.ofSeconds(1));
				// nine more attempts, 20 to 40 ms apart, were due: none may come
				Thread.sleep(400);
				assertThat(genesys.tokenRequests()).isEqualTo(atClose).isLessThan(10);
				assertThat(catchThrowableOfType(GenesysAuthenticationException.class,
						() -> tokens.accessToken().block(Duration.ofSeconds(5)))
					.getErrorCode()).isEqualTo("closed");
				assertThat(genesys.tokenRequests()).isEqualTo(atClose);
			});
	}

	@Test
	void closingEndsTheWaitBeforeARetriedCallAtOnce() {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(30)));
			CompletableFuture<String> call = organization(context.getBean("genesysWebClient", WebClient.class));
			awaitAtLeastOne(genesys::rateLimitedApiRequests);

			long start = System.nanoTime();
			context.close();
			GenesysAuthenticationException failure = failureOf(call);
			Duration waited = Duration.ofNanos(System.nanoTime() - start);

			assertThat(failure.getErrorCode()).isEqualTo("closed");
			assertThat(waited).as("not the 30 s Retry-After asked for").isLessThan(Duration.ofSeconds(1));
			assertThat(genesys.apiRequests()).isEqualTo(1);
			assertThat(genesys.tokenRequests()).isEqualTo(1);
		});
	}

	private static CompletableFuture<String> organization(WebClient client) {
		return client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).toFuture();
	}

	private static GenesysAuthenticationException failureOf(CompletableFuture<String> call) throws Exception {
		try {
			call.get(5, TimeUnit.SECONDS);
			throw new AssertionError("the call succeeded");
		}
		catch (ExecutionException ex) {
			assertThat(ex.getCause()).isInstanceOf(GenesysAuthenticationException.class);
			return (GenesysAuthenticationException) ex.getCause();
		}
	}

	private static void awaitAtLeastOne(IntSupplier count) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (count.getAsInt() < 1) {
			assertThat(System.nanoTime()).as("waited 10 s for the first request").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

}
