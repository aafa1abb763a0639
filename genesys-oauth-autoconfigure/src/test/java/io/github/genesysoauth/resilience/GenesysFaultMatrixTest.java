package io.github.genesysoauth.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.client.GenesysRetry;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.client.GenesysRetryReason;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a caller of {@code genesysWebClient} gets when Genesys Cloud fails in each way it can, and what the stand-in
 * counted meanwhile: one case per fault the starter recovers, refuses to retry, or turns into a typed error.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysFaultMatrixTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	private static final String QUERY = "/api/v2/analytics/conversations/details/query";

	private static GenesysCloudStandIn genesys;

	private final List<GenesysRetryReason> retries = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, GenesysOAuthAutoConfiguration.class))
		.withBean(GenesysRetryListener.class, () -> (reason, method, url) -> this.retries.add(reason))
		.withPropertyValues("genesys.oauth.retry.initial-backoff=10ms", "genesys.oauth.retry.max-backoff=20ms");

	// started once for the class; healed and zeroed before each test
	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@BeforeEach
	void restoreSecret() {
		genesys.setClientSecret(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET);
	}

	// 1. 401 from the API

	@Test
	void unauthorizedOnceIsRecoveredWithOneNewToken() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.unauthorized());

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(this.retries).containsExactly(GenesysRetryReason.UNAUTHORIZED);
		});
	}

	@Test
	void tokenRevokedThroughTokensMeIsReplacedOnItsNextUse() {
		run((client) -> {
			client.delete().uri("/api/v2/tokens/me").retrieve().toBodilessEntity().block(WAIT);

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.unauthorizedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void unauthorizedAlwaysIsRetriedOnceThenReachesTheCaller() {
		run((client) -> {
			genesys.failApiRequests(100, ApiFault.unauthorized());

			WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.class,
					() -> get(client, ORGANIZATION));

			assertThat(failure.getStatusCode().value()).isEqualTo(401);
			assertThat(failure.getResponseBodyAsString()).contains("\"code\":\"bad.credentials\"");
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void concurrentUnauthorizedCallsShareOneNewToken() throws Exception {
		run((client) -> {
			get(client, ORGANIZATION);
			genesys.revokeAllTokens();
			genesys.resetCounters();

			Set<String> answers = callConcurrently(32, () -> get(client, ORGANIZATION));

			assertThat(answers).singleElement().asString().contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.unauthorizedApiRequests()).isBetween(1, 32);
		});
	}

	// 2. 429

	@Test
	void rateLimitedWithRetryAfterOneSecondSucceedsAfterAboutASecond() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(1)));
			long start = System.nanoTime();

			String body = get(client, ORGANIZATION);

			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertThat(body).contains("Stand-in Organization");
			assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(10));
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(this.retries).containsExactly(GenesysRetryReason.RATE_LIMITED);
		});
	}

	@Test
	void rateLimitedWithRetryAfterAsHttpDateUnderLowerCaseNameIsHonoured() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.rateLimitedUntilDate(Duration.ofSeconds(1)));

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.rateLimitedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void rateLimitedWithoutRetryAfterBacksOff() {
		run((client) -> {
			genesys.failApiRequests(2, ApiFault.rateLimitedWithoutRetryAfter());

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.apiRequests()).isEqualTo(3);
			assertThat(this.retries).containsExactly(GenesysRetryReason.RATE_LIMITED, GenesysRetryReason.RATE_LIMITED);
		});
	}

	@Test
	void rateLimitedPastTheBudgetFailsWithTheWaitAndCorrelationId() {
		run((client) -> {
			genesys.failApiRequests(100, ApiFault.rateLimited(Duration.ZERO));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> get(client, ORGANIZATION));

			assertThat(failure.getStatusCode().value()).isEqualTo(429);
			assertThat(failure.getAttempts()).isEqualTo(3);
			assertThat(failure.getRetryAfter()).isEqualTo(Duration.ZERO);
			assertThat(failure.getCorrelationId()).isNotBlank();
			assertThat(failure.getResponseBodyAsString()).contains("too.many.requests.retry.after");
			assertThat(failure).hasMessage("Genesys Cloud rate limit: GET " + genesys.baseUrl() + ORGANIZATION
					+ " was answered 429, still rate limited after 3 attempts (genesys.oauth.retry.max-attempts); "
					+ "correlation id " + failure.getCorrelationId() + ". Spread the calls out (Genesys allows 300 "
					+ "requests per minute per token unless raised), or raise genesys.oauth.retry.max-attempts or "
					+ "max-retry-after.");
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void retryAfterLongerThanTheCapFailsAtOnce() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(120)));
			long start = System.nanoTime();

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> get(client, ORGANIZATION));

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(60));
			assertThat(failure.getRetryAfter()).isEqualTo(Duration.ofSeconds(120));
			assertThat(failure.getAttempts()).isEqualTo(1);
			assertThat(failure).hasMessageContaining("asked to wait 120 s, longer than "
					+ "genesys.oauth.retry.max-retry-after (60 s)");
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	@Test
	void retryCanBeSwitchedOffForOneRequest() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> client.get()
						.uri(ORGANIZATION)
						.attributes(GenesysRetry.disabled())
						.retrieve()
						.bodyToMono(String.class)
						.block(WAIT));

			assertThat(failure).hasMessageContaining("retries are off for this request (GenesysRetry.disabled())");
			assertThat(failure.getAttempts()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	/** Every way a 429 can stay ends the same way, for {@code retrieve()} and {@code exchangeToMono()} alike. */
	@ParameterizedTest
	@CsvSource({ "budget, retrieve", "budget, exchange", "cap, retrieve", "cap, exchange", "disabled, retrieve",
			"disabled, exchange", "stream, retrieve", "stream, exchange" })
	void aRateLimitThatStaysFailsWithGenesysRateLimitExceptionOnEveryPath(String path, String style) {
		run((client) -> {
			genesys.failApiRequests(100, path.equals("cap") ? ApiFault.rateLimited(Duration.ofHours(1))
					: ApiFault.rateLimited(Duration.ZERO));
			WebClient.RequestBodySpec post = client.post().uri(QUERY).contentType(MediaType.APPLICATION_JSON);
			if (path.equals("disabled")) {
				post.attributes(GenesysRetry.disabled());
			}
			WebClient.RequestHeadersSpec<?> request = path.equals("stream")
					? post.body(Flux.just("{\"interval\":\"2026-01-01/2026-01-02\"}")
						.map((part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8))),
							DataBuffer.class)
					: post.bodyValue("{\"interval\":\"2026-01-01/2026-01-02\"}");

			Throwable failure = catchThrowable(() -> (style.equals("retrieve")
					? request.retrieve().bodyToMono(String.class)
					: request.exchangeToMono((response) -> Mono.just("a response with status " + response.statusCode())))
				.block(WAIT));

			assertThat(failure).isInstanceOf(GenesysRateLimitException.class)
				.hasMessageStartingWith("Genesys Cloud rate limit: POST " + genesys.apiBaseUrl() + QUERY + " was answered 429");
			GenesysRateLimitException rateLimit = (GenesysRateLimitException) failure;
			assertThat(rateLimit.getStatusCode().value()).isEqualTo(429);
			assertThat(rateLimit.getResponseBodyAsString()).contains("too.many.requests.retry.after");
			int attempts = path.equals("budget") ? 3 : 1;
			assertThat(rateLimit.getAttempts()).isEqualTo(attempts);
			assertThat(genesys.apiRequests()).isEqualTo(attempts);
		});
	}

	// 3. 502 / 503 / 504

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void serverErrorsAreRetriedForIdempotentMethods(int status) {
		run((client) -> {
			genesys.failApiRequests(2, ApiFault.status(status));

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.apiRequests()).isEqualTo(3);
			assertThat(this.retries).containsExactly(GenesysRetryReason.SERVER_ERROR, GenesysRetryReason.SERVER_ERROR);
		});
	}

	@Test
	void serverErrorsPastTheBudgetReturnTheLastResponse() {
		run((client) -> {
			genesys.failApiRequests(100, ApiFault.status(503));

			WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.class,
					() -> get(client, ORGANIZATION));

			assertThat(failure).isInstanceOf(WebClientResponseException.ServiceUnavailable.class);
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void deleteIsIdempotentAndRetried() {
		run((client) -> {
			get(client, ORGANIZATION);
			genesys.failApiRequests(1, ApiFault.status(503));

			assertThat(client.delete().uri("/api/v2/tokens/me").retrieve().toBodilessEntity().block(WAIT)
				.getStatusCode()
				.value()).isEqualTo(204);
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void postIsNeverRetriedAfterAServerErrorOnItsOwn() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.class,
					() -> postQuery(client, "{\"interval\":\"2026-01-01/2026-01-02\"}", null));

			assertThat(failure.getStatusCode().value()).isEqualTo(503);
			assertThat(genesys.apiRequests()).isEqualTo(1);
			assertThat(this.retries).isEmpty();
		});
	}

	@Test
	void postOptedInIsRetriedAfterAServerError() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			assertThat(postQuery(client, "{\"interval\":\"2026-01-01/2026-01-02\"}", true)).isEqualTo("{\"totalHits\":0}");
			assertThat(genesys.apiRequests()).isEqualTo(2);
		});
	}

	@Test
	void getOptedOutIsNotRetriedAfterAServerError() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.class,
					() -> client.get()
						.uri(ORGANIZATION)
						.attributes(GenesysRetry.serverErrors(false))
						.retrieve()
						.bodyToMono(String.class)
						.block(WAIT));

			assertThat(failure.getStatusCode().value()).isEqualTo(503);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	// 4. token endpoint faults

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504, 429 })
	void tokenEndpointFaultsAreRetriedInsideTheFlight(int status) {
		run((client) -> {
			genesys.failTokenRequests(2, TokenFault.status(status));

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(3);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	@Test
	void connectionResetAtTheTokenEndpointIsRetried() {
		run((client) -> {
			genesys.failTokenRequests(1, TokenFault.connectionReset());

			assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void tokenEndpointDownForEveryAttemptFailsEveryWaitingCallerWithOneError() throws Exception {
		run((client) -> {
			genesys.failTokenRequests(100, TokenFault.status(503));

			Set<String> outcomes = callConcurrently(32, () -> {
				try {
					return get(client, ORGANIZATION);
				}
				catch (GenesysAuthenticationException ex) {
					return ex.getErrorCode() + " " + ex.getHttpStatus();
				}
			});

			assertThat(outcomes).containsExactly("server_error 503");
			assertThat(genesys.tokenRequests()).isEqualTo(3);
			assertThat(genesys.apiRequests()).isZero();
		});
	}

	// 5. credentials refused

	@Test
	void fiftyCallsWithAWrongSecretCostAtMostFiveTokenRequests() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.client-secret=wrong-secret")
			.run((context) -> {
				WebClient client = context.getBean("genesysWebClient", WebClient.class);
				for (int call = 0; call < 50; call++) {
					GenesysAuthenticationException failure = catchThrowableOfType(
							GenesysAuthenticationException.class, () -> get(client, ORGANIZATION));
					assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
					assertThat(failure.getDescription()).isEqualTo("authentication failed");
					assertThat(failure.getHttpStatus()).isEqualTo(400);
					assertThat(failure).hasMessageContaining("Check genesys.oauth.client-id and genesys.oauth.client-secret");
					assertThat(failure.getMessage()).doesNotContain("wrong-secret");
				}
				assertThat(genesys.tokenRequests()).isBetween(1, 5);
				assertThat(genesys.apiRequests()).isZero();
			});
	}

	@Test
	void correctedSecretFromRefreshedPropertiesIsUsedAtOnce() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.client-secret=wrong-secret")
			.run((context) -> {
				WebClient client = context.getBean("genesysWebClient", WebClient.class);
				catchThrowableOfType(GenesysAuthenticationException.class, () -> get(client, ORGANIZATION));
				catchThrowableOfType(GenesysAuthenticationException.class, () -> get(client, ORGANIZATION));
				assertThat(genesys.tokenRequests()).isEqualTo(1);

				// what Spring Cloud's ConfigurationPropertiesRebinder does on a refresh: rebinds the same bean
				context.getBean(io.github.genesysoauth.autoconfigure.GenesysOAuthProperties.class)
					.setClientSecret(genesys.clientSecret());

				assertThat(get(client, ORGANIZATION)).contains("Stand-in Organization");
				assertThat(genesys.tokenRequests()).isEqualTo(2);
			});
	}

	// 6. malformed token responses

	@Test
	void htmlPageInsteadOfATokenIsAMalformedResponse() {
		run((client) -> {
			genesys.failTokenRequests(1, TokenFault.response(200, "text/html", "<html><body>Sign in</body></html>"));

			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> get(client, ORGANIZATION));

			assertThat(failure.getErrorCode()).isEqualTo("malformed_response");
			assertThat(failure.getDescription()).isEqualTo("the answer has text/html content type, not JSON");
			assertThat(failure.getHttpStatus()).isEqualTo(200);
			assertThat(failure).hasMessageContaining("check that genesys.oauth.token-uri points at the login service");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
		});
	}

	// 7. bodies of retried requests

	@Test
	void retriedPostResendsItsBodyIntact() {
		run((client) -> {
			String query = "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"order\":\"asc\",\"ü\":1}";
			genesys.failApiRequests(1, ApiFault.unauthorized());
			postQuery(client, query, null);
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));
			postQuery(client, query, null);

			List<LoggedRequest> posts = genesys.apiRequestLog();
			assertThat(posts).hasSize(4).allSatisfy((request) -> {
				assertThat(request.getBodyAsString()).isEqualTo(query);
				assertThat(request.getHeader("Content-Type")).isEqualTo("application/json");
				assertThat(request.getHeader("Content-Length"))
					.isEqualTo(String.valueOf(query.getBytes(StandardCharsets.UTF_8).length));
			});
		});
	}

	@Test
	void streamingBodyIsNotRetried() {
		run((client) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));
			Flux<DataBuffer> stream = Flux.just("{\"interval\":", "\"2026-01-01/2026-01-02\"}")
				.map((part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> client.post()
						.uri(QUERY)
						.contentType(MediaType.APPLICATION_JSON)
						.body(stream, DataBuffer.class)
						.retrieve()
						.bodyToMono(String.class)
						.block(WAIT));

			assertThat(failure).hasMessageContaining("its body was written as a stream, which cannot be sent again");
			assertThat(genesys.apiRequests()).isEqualTo(1);
			assertThat(this.retries).isEmpty();
		});
	}

	@Test
	void streamingBodiesAgainstAnApiThatRejectsEveryTokenDoNotFloodTheLoginService() {
		run((client) -> {
			genesys.failApiRequests(1000, ApiFault.unauthorized());

			for (int call = 0; call < 50; call++) {
				Flux<DataBuffer> stream = Flux.just("{\"interval\":\"2026-01-01/2026-01-02\"}")
					.map((part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8)));
				WebClientResponseException failure = catchThrowableOfType(WebClientResponseException.class,
						() -> client.post()
							.uri(QUERY)
							.contentType(MediaType.APPLICATION_JSON)
							.body(stream, DataBuffer.class)
							.retrieve()
							.bodyToMono(String.class)
							.block(WAIT));
				assertThat(failure.getStatusCode().value()).isEqualTo(401);
			}

			assertThat(genesys.apiRequests()).isEqualTo(50);
			assertThat(genesys.tokenRequests()).as("the first token, and the one after the first 401").isEqualTo(2);
		});
	}

	private void run(ThrowingClientConsumer test) {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context.getBean("genesysWebClient", WebClient.class));
		});
	}

	private static String get(WebClient client, String path) {
		return client.get().uri(path).retrieve().bodyToMono(String.class).block(WAIT);
	}

	private static String postQuery(WebClient client, String json, Boolean retryServerErrors) {
		WebClient.RequestBodySpec post = client.post().uri(QUERY).contentType(MediaType.APPLICATION_JSON);
		if (retryServerErrors != null) {
			post.attributes(GenesysRetry.serverErrors(retryServerErrors));
		}
		return post.bodyValue(json).retrieve().bodyToMono(String.class).block(WAIT);
	}

	@FunctionalInterface
	interface ThrowingClientConsumer {

		void accept(WebClient client) throws Exception;

	}

}
