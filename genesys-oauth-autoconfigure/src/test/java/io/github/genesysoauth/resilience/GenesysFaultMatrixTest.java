package io.github.genesysoauth.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthProperties;
import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.client.GenesysRetry;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.client.GenesysRetryReason;
import io.github.genesysoauth.resilience.PlatformApiCaller.Answer;
import io.github.genesysoauth.resilience.PlatformApiCaller.Body;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * What a caller of each Platform API client of the default org gets when Genesys Cloud fails in each way it can,
 * and what the stand-in counted meanwhile: one case per fault the starter recovers, refuses to retry, or turns into
 * a typed error. Every case runs for every {@link Transport}, which carry out one policy and so must pass it alike;
 * where their frameworks make them differ, {@link Transport} says so.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(GenesysFaultMatrixTest.Transport.class)
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysFaultMatrixTest {

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	private static final String QUERY = "/api/v2/analytics/conversations/details/query";

	private static final String INTERVAL = "{\"interval\":\"2026-01-01/2026-01-02\"}";

	private static final Answer NO_HITS = Answer.returned(200, "{\"totalHits\":0}");

	private static GenesysCloudStandIn genesys;

	private final Transport transport;

	private final List<GenesysRetryReason> retries = new CopyOnWriteArrayList<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class))
		.withBean(GenesysRetryListener.class, () -> (reason, method, url) -> this.retries.add(reason))
		.withPropertyValues("genesys.oauth.retry.initial-backoff=10ms", "genesys.oauth.retry.max-backoff=20ms");

	GenesysFaultMatrixTest(Transport transport) {
		this.transport = transport;
	}

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
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.unauthorized());

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(this.retries).containsExactly(GenesysRetryReason.UNAUTHORIZED);
		});
	}

	@Test
	void tokenRevokedThroughTokensMeIsReplacedOnItsNextUse() {
		run((caller) -> {
			assertThat(caller.delete("/api/v2/tokens/me")).isEqualTo(Answer.returned(204, ""));

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.unauthorizedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void unauthorizedAlwaysIsRetriedOnceThenReachesTheCaller() {
		run((caller) -> {
			genesys.failApiRequests(100, ApiFault.unauthorized());

			Answer answer = caller.get(ORGANIZATION);

			assertReachedTheCaller(answer, 401);
			assertThat(answer.body()).contains("\"code\":\"bad.credentials\"");
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void concurrentUnauthorizedCallsShareOneNewToken() {
		run((caller) -> {
			assertOrganization(caller.get(ORGANIZATION));
			genesys.revokeAllTokens();
			genesys.resetCounters();

			Set<String> answers = callConcurrently(32, () -> caller.get(ORGANIZATION).toString());

			assertThat(answers).singleElement().asString().startsWith("200 ").contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.unauthorizedApiRequests()).isBetween(1, 32);
		});
	}

	// 2. 429

	@Test
	void rateLimitedWithRetryAfterOneSecondSucceedsAfterAboutASecond() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(1)));
			long start = System.nanoTime();

			Answer answer = caller.get(ORGANIZATION);

			Duration took = Duration.ofNanos(System.nanoTime() - start);
			assertOrganization(answer);
			assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofSeconds(10));
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(this.retries).containsExactly(GenesysRetryReason.RATE_LIMITED);
		});
	}

	@Test
	void rateLimitedWithRetryAfterAsHttpDateUnderLowerCaseNameIsHonoured() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.rateLimitedUntilDate(Duration.ofSeconds(1)));

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.rateLimitedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void rateLimitedWithoutRetryAfterBacksOff() {
		run((caller) -> {
			genesys.failApiRequests(2, ApiFault.rateLimitedWithoutRetryAfter());

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.apiRequests()).isEqualTo(3);
			assertThat(this.retries).containsExactly(GenesysRetryReason.RATE_LIMITED, GenesysRetryReason.RATE_LIMITED);
		});
	}

	@Test
	void rateLimitedPastTheBudgetFailsWithTheWaitAndCorrelationId() {
		run((caller) -> {
			genesys.failApiRequests(100, ApiFault.rateLimited(Duration.ZERO));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> caller.get(ORGANIZATION));

			assertThat(failure.getStatusCode().value()).isEqualTo(429);
			assertThat(failure.getAttempts()).isEqualTo(3);
			assertThat(failure.getRetryAfter()).isEqualTo(Duration.ZERO);
			assertThat(failure.getCorrelationId()).isNotBlank();
			assertThat(failure.getResponseBodyAsString()).contains("too.many.requests.retry.after");
			assertThat(failure).hasMessage("Genesys Cloud rate limit: GET " + genesys.baseUrl() + ORGANIZATION
					+ " was answered 429, still rate limited after 3 attempts (genesys.oauth.retry.max-attempts); "
					+ "correlation id " + failure.getCorrelationId() + ". Spread the calls out (Genesys allows 300 "
					+ "requests per minute per token unless raised), or raise genesys.oauth.retry.max-attempts or "
					+ "genesys.oauth.retry.max-retry-after.");
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void retryAfterLongerThanTheCapFailsAtOnce() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(120)));
			long start = System.nanoTime();

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> caller.get(ORGANIZATION));

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
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> caller.get(ORGANIZATION, GenesysRetry.disabled()));

			assertThat(failure).hasMessageContaining("retries are off for this request (GenesysRetry.disabled())");
			assertThat(failure.getAttempts()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	/** Every way a 429 can stay ends the same way, for {@code retrieve()} and {@code exchange} alike. */
	@ParameterizedTest
	@CsvSource({ "budget, retrieve", "budget, exchange", "cap, retrieve", "cap, exchange", "disabled, retrieve",
			"disabled, exchange", "stream, retrieve", "stream, exchange" })
	void aRateLimitThatStaysFailsWithGenesysRateLimitExceptionOnEveryPath(String path, String style) {
		run((caller) -> {
			genesys.failApiRequests(100, path.equals("cap") ? ApiFault.rateLimited(Duration.ofHours(1))
					: ApiFault.rateLimited(Duration.ZERO));
			Body body = path.equals("stream") ? Body.stream(INTERVAL) : Body.json(INTERVAL);
			Consumer<Map<String, Object>> attributes = path.equals("disabled") ? GenesysRetry.disabled()
					: PlatformApiCaller.NO_ATTRIBUTES;

			Throwable failure = catchThrowable(() -> {
				if (style.equals("retrieve")) {
					caller.post(QUERY, body, attributes);
				}
				else {
					caller.exchangePost(QUERY, body, attributes);
				}
			});

			assertThat(failure).isInstanceOf(GenesysRateLimitException.class)
				.hasMessageStartingWith("Genesys Cloud rate limit: POST " + genesys.apiBaseUrl() + QUERY + " was answered 429");
			GenesysRateLimitException rateLimit = (GenesysRateLimitException) failure;
			assertThat(rateLimit.getStatusCode().value()).isEqualTo(429);
			assertThat(rateLimit.getResponseBodyAsString()).contains("too.many.requests.retry.after");
			// a streamed body ends the retries at once only where it cannot be sent again
			boolean retried = path.equals("budget")
					|| (path.equals("stream") && this.transport.replaysStreamedBodies());
			int attempts = retried ? 3 : 1;
			assertThat(rateLimit.getAttempts()).isEqualTo(attempts);
			assertThat(genesys.apiRequests()).isEqualTo(attempts);
		});
	}

	// 3. 502 / 503 / 504

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void serverErrorsAreRetriedForIdempotentMethods(int status) {
		run((caller) -> {
			genesys.failApiRequests(2, ApiFault.status(status));

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.apiRequests()).isEqualTo(3);
			assertThat(this.retries).containsExactly(GenesysRetryReason.SERVER_ERROR, GenesysRetryReason.SERVER_ERROR);
		});
	}

	@Test
	void serverErrorsPastTheBudgetReturnTheLastResponse() {
		run((caller) -> {
			genesys.failApiRequests(100, ApiFault.status(503));

			assertReachedTheCaller(caller.get(ORGANIZATION), 503);
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void deleteIsIdempotentAndRetried() {
		run((caller) -> {
			assertOrganization(caller.get(ORGANIZATION));
			genesys.failApiRequests(1, ApiFault.status(503));

			assertThat(caller.delete("/api/v2/tokens/me")).isEqualTo(Answer.returned(204, ""));
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void postIsNeverRetriedAfterAServerErrorOnItsOwn() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			assertReachedTheCaller(caller.post(QUERY, Body.json(INTERVAL)), 503);
			assertThat(genesys.apiRequests()).isEqualTo(1);
			assertThat(this.retries).isEmpty();
		});
	}

	@Test
	void postOptedInIsRetriedAfterAServerError() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			assertThat(caller.post(QUERY, Body.json(INTERVAL), GenesysRetry.serverErrors(true))).isEqualTo(NO_HITS);
			assertThat(genesys.apiRequests()).isEqualTo(2);
		});
	}

	@Test
	void getOptedOutIsNotRetriedAfterAServerError() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.status(503));

			assertReachedTheCaller(caller.get(ORGANIZATION, GenesysRetry.serverErrors(false)), 503);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	// 4. token endpoint faults

	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504, 429 })
	void tokenEndpointFaultsAreRetriedInsideTheFlight(int status) {
		run((caller) -> {
			genesys.failTokenRequests(2, TokenFault.status(status));

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.tokenRequests()).isEqualTo(3);
			assertThat(genesys.apiRequests()).isEqualTo(1);
		});
	}

	@Test
	void connectionResetAtTheTokenEndpointIsRetried() {
		run((caller) -> {
			genesys.failTokenRequests(1, TokenFault.connectionReset());

			assertOrganization(caller.get(ORGANIZATION));
			assertThat(genesys.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void tokenEndpointDownForEveryAttemptFailsEveryWaitingCallerWithOneError() {
		// a clock that stands still, so that callers arriving late on a loaded machine still find the pause after the
		// failed flight; the flight's own retries wait in real time
		Clock stopped = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
		run(this.runner.withBean("genesysClock", Clock.class, () -> stopped), (caller) -> {
			genesys.failTokenRequests(100, TokenFault.status(503));

			Set<String> outcomes = callConcurrently(32, () -> {
				try {
					return caller.get(ORGANIZATION).toString();
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
		run((caller) -> {
			for (int call = 0; call < 50; call++) {
				GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
						() -> caller.get(ORGANIZATION));
				assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
				assertThat(failure.getDescription()).isEqualTo("authentication failed");
				assertThat(failure.getHttpStatus()).isEqualTo(400);
				assertThat(failure).hasMessageContaining("Check genesys.oauth.client-id and genesys.oauth.client-secret");
				assertThat(failure.getMessage()).doesNotContain("wrong-secret");
			}
			assertThat(genesys.tokenRequests()).isBetween(1, 5);
			assertThat(genesys.apiRequests()).isZero();
		}, "genesys.oauth.client-secret=wrong-secret");
	}

	@Test
	void correctedSecretFromRefreshedPropertiesIsUsedAtOnce() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.client-secret=wrong-secret")
			.run((context) -> {
				PlatformApiCaller caller = this.transport.caller(context);
				catchThrowableOfType(GenesysAuthenticationException.class, () -> caller.get(ORGANIZATION));
				catchThrowableOfType(GenesysAuthenticationException.class, () -> caller.get(ORGANIZATION));
				assertThat(genesys.tokenRequests()).isEqualTo(1);

				// what Spring Cloud's ConfigurationPropertiesRebinder does on a refresh: rebinds the same bean
				context.getBean(GenesysOAuthProperties.class).setClientSecret(genesys.clientSecret());

				assertOrganization(caller.get(ORGANIZATION));
				assertThat(genesys.tokenRequests()).isEqualTo(2);
			});
	}

	// 6. malformed token responses

	@Test
	void htmlPageInsteadOfATokenIsAMalformedResponse() {
		run((caller) -> {
			genesys.failTokenRequests(1, TokenFault.response(200, "text/html", "<html><body>Sign in</body></html>"));

			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> caller.get(ORGANIZATION));

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
		run((caller) -> {
			String query = "{\"interval\":\"2026-01-01T00:00:00Z/2026-01-02T00:00:00Z\",\"order\":\"asc\",\"ü\":1}";
			genesys.failApiRequests(1, ApiFault.unauthorized());
			assertThat(caller.post(QUERY, Body.json(query))).isEqualTo(NO_HITS);
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));
			assertThat(caller.post(QUERY, Body.json(query))).isEqualTo(NO_HITS);

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
	void streamedBodyIsRetriedOnlyWhereTheTransportCanSendItAgain() {
		run((caller) -> {
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));
			Body stream = Body.stream("{\"interval\":", "\"2026-01-01/2026-01-02\"}");

			if (this.transport.replaysStreamedBodies()) {
				assertThat(caller.post(QUERY, stream)).isEqualTo(NO_HITS);
				assertThat(genesys.apiRequestLog()).hasSize(2)
					.allSatisfy((request) -> assertThat(request.getBodyAsString()).isEqualTo(stream.json()));
				assertThat(this.retries).containsExactly(GenesysRetryReason.RATE_LIMITED);
			}
			else {
				GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
						() -> caller.post(QUERY, stream));
				assertThat(failure)
					.hasMessageContaining("its body was written as a stream, which cannot be sent again");
				assertThat(genesys.apiRequests()).isEqualTo(1);
				assertThat(this.retries).isEmpty();
			}
		});
	}

	@Test
	void streamingBodiesAgainstAnApiThatRejectsEveryTokenDoNotFloodTheLoginService() {
		run((caller) -> {
			genesys.failApiRequests(1000, ApiFault.unauthorized());

			for (int call = 0; call < 50; call++) {
				assertReachedTheCaller(caller.post(QUERY, Body.stream(INTERVAL)), 401);
			}

			// Where the body can be sent again, the first call is sent once more with the renewed token, and that
			// token's 401 is what pauses the renewals; where it cannot, the second call's is.
			int renewedFirstCall = this.transport.replaysStreamedBodies() ? 1 : 0;
			assertThat(genesys.apiRequests()).isEqualTo(50 + renewedFirstCall);
			assertThat(genesys.tokenRequests()).as("the first token, and the one after the first 401").isEqualTo(2);
		});
	}

	private void run(CallerTest test, String... properties) {
		run(this.runner, test, properties);
	}

	private void run(ApplicationContextRunner runner, CallerTest test, String... properties) {
		runner.withPropertyValues(genesys.propertyValues()).withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(this.transport.caller(context));
		});
	}

	// a call that recovered: the organization, handed back as a 200
	private static void assertOrganization(Answer answer) {
		assertThat(answer).returns(200, Answer::status)
			.extracting(Answer::body, as(STRING))
			.contains("Stand-in Organization");
	}

	// a 4xx or 5xx that reaches the caller: its status, raised the way the caller's framework raises it
	private void assertReachedTheCaller(Answer answer, int status) {
		assertThat(answer).returns(status, Answer::status);
		assertThat(answer.raised()).isInstanceOf(this.transport.raises(status));
	}

	@FunctionalInterface
	interface CallerTest {

		void accept(PlatformApiCaller caller) throws Exception;

	}

	/**
	 * The Platform API clients of the default org. Both carry out {@code GenesysApiCallPolicy} and pass every case
	 * alike, but for the two ways in which their frameworks, not the starter, make them differ; these are stated
	 * here and nowhere else.
	 */
	enum Transport {

		/** {@code genesysWebClient}, through {@code GenesysApiExchangeFilter}. */
		WEB_CLIENT {

			@Override
			PlatformApiCaller caller(ApplicationContext context) {
				return new WebClientApiCaller(
						context.getBean(GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN, WebClient.class));
			}

			@Override
			Class<? extends RuntimeException> raises(int status) {
				return switch (status) {
					case 401 -> WebClientResponseException.Unauthorized.class;
					case 503 -> WebClientResponseException.ServiceUnavailable.class;
					default -> throw new IllegalArgumentException("No case lets " + status + " reach the caller");
				};
			}

			// A Flux body is written as it is produced and nothing holds it whole: the filter records only a body
			// written as one buffer, and the policy never sends a request again whose body it could not record.
			@Override
			boolean replaysStreamedBodies() {
				return false;
			}

		},

		/** {@code genesysRestClient}, through {@code GenesysApiRequestInterceptor}. */
		REST_CLIENT {

			@Override
			PlatformApiCaller caller(ApplicationContext context) {
				return new RestClientApiCaller(
						context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class));
			}

			@Override
			Class<? extends RuntimeException> raises(int status) {
				return switch (status) {
					case 401 -> HttpClientErrorException.Unauthorized.class;
					case 503 -> HttpServerErrorException.ServiceUnavailable.class;
					default -> throw new IllegalArgumentException("No case lets " + status + " reach the caller");
				};
			}

			// A RestClient with interceptors writes every body, however the application streams it, into a byte[]
			// before the first interceptor runs (ClientHttpRequestInterceptor receives the body as bytes): every
			// request can be sent again, and a streamed one is retried like any other.
			@Override
			boolean replaysStreamedBodies() {
				return true;
			}

		};

		/** The client, as an application calls it. */
		abstract PlatformApiCaller caller(ApplicationContext context);

		/**
		 * The exception {@code retrieve()} raises for a 4xx or 5xx that reaches the caller: each framework has its
		 * own, one subclass per status. {@code GenesysRateLimitException} and {@code GenesysAuthenticationException}
		 * are the same for both.
		 */
		abstract Class<? extends RuntimeException> raises(int status);

		/** Whether a request whose body is written as a stream can be sent again, and so is retried. */
		abstract boolean replaysStreamedBodies();

	}

}
