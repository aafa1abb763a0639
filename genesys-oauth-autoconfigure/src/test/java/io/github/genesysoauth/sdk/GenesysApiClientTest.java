package io.github.genesysoauth.sdk;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.AsyncApiCallback;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import com.mypurecloud.sdk.v2.api.OrganizationApiAsync;
import com.mypurecloud.sdk.v2.api.TokensApi;
import com.mypurecloud.sdk.v2.api.request.GetOrganizationsMeRequest;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import com.mypurecloud.sdk.v2.model.Organization;
import com.mypurecloud.sdk.v2.model.TokenInfo;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthSdkAutoConfiguration;
import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.threeten.extra.MutableClock;

import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Genesys's Java SDK through {@code genesysApiClient}: its own API classes and models against the stand-in, with
 * the starter's tokens, renewal, single flight, 401 recovery and retries, and the failures an SDK caller sees.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysApiClientTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(RestClientAutoConfiguration.class,
				GenesysOAuthSdkAutoConfiguration.class))
		.withPropertyValues("genesys.oauth.retry.initial-backoff=10ms", "genesys.oauth.retry.max-backoff=20ms");

	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@BeforeEach
	void noSlowTokens() {
		genesys.setTokenResponseDelay(Duration.ZERO);
	}

	@Test
	void sdkApiClassesReadGenesysModelsWithTheStartersToken() {
		run((context, client) -> {
			Organization organization = new OrganizationApi(client).getOrganizationsMe();
			TokenInfo tokenInfo = new TokensApi(client).getTokensMe(false);
			new TokensApi(client).headTokensMe();

			assertStandIn(organization);
			assertThat(organization.getState()).isEqualTo(Organization.StateEnum.ACTIVE);
			assertThat(tokenInfo.getOAuthClient().getId()).isEqualTo(genesys.clientId());
			assertThat(tokenInfo.getOrganization().getId()).isEqualTo(organization.getId());
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			String token = currentToken(context);
			assertThat(genesys.apiRequestLog()).hasSize(3).allSatisfy((request) -> {
				assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
				assertThat(request.getHeader("purecloud-sdk")).as("the SDK's own headers travel").isNotBlank();
			});
		});
	}

	@Test
	void renewsAcrossThreeTokenLifetimesWithoutEverSendingAnExpiredToken() {
		MutableClock clock = MutableClock.of(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
		try (GenesysCloudStandIn shortTokens = GenesysCloudStandIn.builder()
			.clock(clock)
			.tokenLifetime(Duration.ofMinutes(5))
			.start()) {
			this.runner.withBean("genesysClock", Clock.class, () -> clock)
				.withPropertyValues(shortTokens.propertyValues())
				.run((context) -> {
					OrganizationApi organizations = new OrganizationApi(apiClient(context));
					TokensApi tokens = new TokensApi(apiClient(context));
					// a call a minute for three lifetimes of 5-minute tokens, each renewed 60 s before it expires
					for (int minute = 0; minute <= 15; minute++) {
						assertStandIn(organizations.getOrganizationsMe());
						assertThat(tokens.getTokensMe(false).getOAuthClient().getId()).isEqualTo(shortTokens.clientId());
						clock.add(Duration.ofMinutes(1));
					}

					assertThat(shortTokens.tokenRequests()).as("tokens obtained at minutes 0, 4, 8 and 12").isEqualTo(4);
					assertThat(shortTokens.apiRequests()).isEqualTo(32);
					assertThat(shortTokens.expiredTokenApiRequests()).isZero();
					assertThat(shortTokens.unauthorizedApiRequests()).isZero();
				});
		}
	}

	@Test
	void aHundredThreadsOnAColdStartShareOneTokenRequest() {
		genesys.setTokenResponseDelay(Duration.ofMillis(200));
		run((context, client) -> {
			OrganizationApi organizations = new OrganizationApi(client);

			Set<String> names = ConcurrentCallers.call(100, () -> organizations.getOrganizationsMe().getName());

			assertThat(names).containsExactly("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(100);
		});
	}

	@Test
	void asyncCallsReturnAtOnceAndShareOneTokenRequest() {
		genesys.setTokenResponseDelay(Duration.ofSeconds(1));
		run((context, client) -> {
			OrganizationApiAsync organizations = new OrganizationApiAsync(client);
			Set<String> threads = ConcurrentHashMap.newKeySet();
			AsyncApiCallback<Organization> callback = callback((organization) -> threads
				.add(Thread.currentThread().getName()), (failure) -> threads.add("failed: " + failure));
			List<Future<Organization>> calls = new ArrayList<>();

			for (int call = 0; call < 100; call++) {
				calls.add(organizations.getOrganizationsMeAsync(GetOrganizationsMeRequest.builder().build(), callback));
			}

			assertThat(calls).as("none waits for the token on the caller's thread").noneMatch(Future::isDone);
			for (Future<Organization> call : calls) {
				assertStandIn(call.get(WAIT.toSeconds(), TimeUnit.SECONDS));
			}
			assertThat(threads).isNotEmpty().allMatch((thread) -> thread.startsWith("boundedElastic-"));
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(100);
		});
	}

	@Test
	void unauthorizedOnceIsRecoveredWithOneNewToken() {
		run((context, client) -> {
			OrganizationApi organizations = new OrganizationApi(client);
			organizations.getOrganizationsMe();
			genesys.failApiRequests(1, ApiFault.unauthorized());

			assertStandIn(organizations.getOrganizationsMe());
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.apiRequests()).isEqualTo(3);
		});
	}

	@Test
	void tokenRevokedThroughTokensMeIsReplacedOnItsNextUse() {
		run((context, client) -> {
			new TokensApi(client).deleteTokensMe();

			assertStandIn(new OrganizationApi(client).getOrganizationsMe());
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.unauthorizedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void unauthorizedAlwaysReachesTheCallerAsApiExceptionWithoutFloodingTheLoginService() {
		run((context, client) -> {
			OrganizationApi organizations = new OrganizationApi(client);
			genesys.failApiRequests(1000, ApiFault.unauthorized());

			for (int call = 0; call < 20; call++) {
				ApiException failure = catchThrowableOfType(ApiException.class, organizations::getOrganizationsMe);
				assertThat(failure.getStatusCode()).isEqualTo(401);
				assertThat(failure.getRawBody()).contains("\"code\":\"bad.credentials\"");
				assertThat(failure.getCorrelationId()).isNotBlank();
			}

			// the first call is sent once more with a renewed token; that token's 401 pauses the renewals
			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.apiRequests()).isEqualTo(21);
		});
	}

	@Test
	void rateLimitedWithRetryAfterIsWaitedOutAndSucceeds() {
		run((context, client) -> {
			OrganizationApi organizations = new OrganizationApi(client);
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(1)));
			long start = System.nanoTime();

			Organization organization = organizations.getOrganizationsMe();

			assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(950), WAIT);
			assertStandIn(organization);
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.rateLimitedApiRequests()).isEqualTo(1);
		});
	}

	@Test
	void aRateLimitThatStaysFailsWithGenesysRateLimitExceptionSyncAndAsync() {
		run((context, client) -> {
			genesys.failApiRequests(100, ApiFault.rateLimited(Duration.ZERO));

			GenesysRateLimitException failure = catchThrowableOfType(GenesysRateLimitException.class,
					() -> new OrganizationApi(client).getOrganizationsMe());
			AtomicReference<Throwable> told = new AtomicReference<>();
			Future<Organization> async = new OrganizationApiAsync(client).getOrganizationsMeAsync(
					GetOrganizationsMeRequest.builder().build(), callback((organization) -> {
					}, told::set));
			Throwable asyncFailure = catchThrowable(() -> async.get(WAIT.toSeconds(), TimeUnit.SECONDS));

			assertThat(failure.getStatusCode().value()).isEqualTo(429);
			assertThat(failure.getAttempts()).isEqualTo(3);
			assertThat(failure).hasMessageStartingWith(
					"Genesys Cloud rate limit: GET " + genesys.apiBaseUrl() + "/api/v2/organizations/me was answered 429");
			assertThat(asyncFailure).isInstanceOf(ExecutionException.class)
				.cause()
				.isInstanceOf(GenesysRateLimitException.class);
			assertThat(told.get()).isInstanceOf(GenesysRateLimitException.class);
			assertThat(genesys.apiRequests()).isEqualTo(6);
		});
	}

	@Test
	void serverErrorsAreRetriedAndTheLastOneReachesTheCallerAsApiException() {
		run((context, client) -> {
			OrganizationApi organizations = new OrganizationApi(client);
			genesys.failApiRequests(2, ApiFault.status(503));
			assertStandIn(organizations.getOrganizationsMe());
			assertThat(genesys.apiRequests()).isEqualTo(3);

			genesys.failApiRequests(100, ApiFault.status(503));
			ApiException failure = catchThrowableOfType(ApiException.class, organizations::getOrganizationsMe);

			assertThat(failure.getStatusCode()).isEqualTo(503);
			assertThat(genesys.apiRequests()).isEqualTo(6);
		});
	}

	@Test
	void refusedCredentialsReachTheCallerAsGenesysAuthenticationExceptionSyncAndAsync() {
		run((context, client) -> {
			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> new OrganizationApi(client).getOrganizationsMe());
			Future<Organization> async = new OrganizationApiAsync(client)
				.getOrganizationsMeAsync(GetOrganizationsMeRequest.builder().build(), null);
			Throwable asyncFailure = catchThrowable(() -> async.get(WAIT.toSeconds(), TimeUnit.SECONDS));

			assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
			assertThat(asyncFailure).cause().isInstanceOf(GenesysAuthenticationException.class);
			assertThat(genesys.apiRequests()).isZero();
		}, "genesys.oauth.client-secret=wrong-secret");
	}

	@Test
	void sendsNoTokenToAnotherHostEvenOneGivenToTheSdk() {
		run((context, client) -> {
			RestClient restClient = context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class);
			ApiClient elsewhere = GenesysApiClients.create(restClient,
					URI.create(genesys.baseUrl().replace("127.0.0.1", "localhost")));
			elsewhere.setAccessToken("token-set-by-hand");

			ApiException failure = catchThrowableOfType(ApiException.class,
					() -> new OrganizationApi(elsewhere).getOrganizationsMe());

			assertThat(failure.getStatusCode()).isEqualTo(401);
			assertThat(genesys.apiRequestLog()).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			assertThat(genesys.tokenRequests()).isZero();
		});
	}

	@Test
	void aTokenGivenByHandIsNeverSentAndTheSdksOwnLoginIsRefused() {
		run((context, client) -> {
			client.setAccessToken("token-set-by-hand");

			new OrganizationApi(client).getOrganizationsMe();
			Throwable login = catchThrowable(() -> client.authorizeClientCredentials("id", "secret"));

			LoggedRequest request = genesys.apiRequestLog().get(0);
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + currentToken(context));
			assertThat(login).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("do not call authorizeClientCredentials");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void aConnectionThatFailsIsTheIOExceptionTheSdkDeclares() {
		run((context, client) -> {
			RestClient restClient = context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class);
			// a loopback port nothing listens on
			ApiClient nowhere = GenesysApiClients.create(restClient, URI.create("http://127.0.0.1:1"));

			assertThat(catchThrowable(() -> new OrganizationApi(nowhere).getOrganizationsMe()))
				.isInstanceOf(IOException.class);
		});
	}

	@Test
	void aClientDerivedFromItKeepsTheStartersTransportAndRunsAsyncCallsOnTheExecutorGiven() {
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "own-executor"));
		try {
			run((context, client) -> {
				ApiClient derived = ApiClient.Builder.from(client)
					.withProperty(ApiClientConnectorProperty.ASYNC_EXECUTOR_SERVICE, executor)
					.build();
				AtomicReference<String> thread = new AtomicReference<>();

				Organization organization = new OrganizationApiAsync(derived)
					.getOrganizationsMeAsync(GetOrganizationsMeRequest.builder().build(),
							callback((result) -> thread.set(Thread.currentThread().getName()), (failure) -> {
							}))
					.get(WAIT.toSeconds(), TimeUnit.SECONDS);

				assertStandIn(organization);
				assertThat(thread.get()).isEqualTo("own-executor");
				assertThat(genesys.apiRequestLog()).singleElement()
					.satisfies((request) -> assertThat(request.getHeader("Authorization"))
						.isEqualTo("Bearer " + currentToken(context)));
			});
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void anAsyncCallTheExecutorRefusesFailsAtOnce() {
		ExecutorService stopped = Executors.newSingleThreadExecutor();
		stopped.shutdown();
		run((context, client) -> {
			ApiClient derived = ApiClient.Builder.from(client)
				.withProperty(ApiClientConnectorProperty.ASYNC_EXECUTOR_SERVICE, stopped)
				.build();
			AtomicReference<Throwable> told = new AtomicReference<>();

			Future<Organization> call = new OrganizationApiAsync(derived).getOrganizationsMeAsync(
					GetOrganizationsMeRequest.builder().build(), callback((organization) -> {
					}, told::set));

			assertThat(call).isDone();
			assertThat(told.get()).isInstanceOf(RejectedExecutionException.class);
			assertThat(genesys.apiRequests()).isZero();
		});
	}

	@Test
	void refusesAClientWithoutTheStartersInterceptorOrAnUnusableBaseUrl() {
		URI api = URI.create("https://api.mypurecloud.com");
		run((context, client) -> {
			RestClient restClient = context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class);

			assertThatIllegalArgumentException().isThrownBy(() -> GenesysApiClients.create(RestClient.create(), api))
				.withMessageContaining("must carry the starter's GenesysApiRequestInterceptor");
			for (String url : List.of("/api/v2", "ftp://api.mypurecloud.com", "https://api.mypurecloud.com?x=1")) {
				assertThatIllegalArgumentException()
					.isThrownBy(() -> GenesysApiClients.create(restClient, URI.create(url)))
					.withMessageContaining("must be an absolute http or https URL")
					.withMessageContaining(url);
			}
			assertThat(GenesysApiClients.create(restClient, URI.create("https://api.mypurecloud.com/")).getBasePath())
				.isEqualTo("https://api.mypurecloud.com");
		});
	}

	private void run(SdkTest test, String... properties) {
		this.runner.withPropertyValues(genesys.propertyValues()).withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context, apiClient(context));
		});
	}

	private static ApiClient apiClient(AssertableApplicationContext context) {
		return context.getBean(GenesysOAuthSdkAutoConfiguration.API_CLIENT_BEAN, ApiClient.class);
	}

	private static void assertStandIn(Organization organization) {
		assertThat(organization.getName()).isEqualTo("Stand-in Organization");
	}

	private static String currentToken(AssertableApplicationContext context) {
		return context.getBean(GenesysAccessTokens.class).freshToken().getTokenValue();
	}

	private static <T> AsyncApiCallback<T> callback(Consumer<T> completed,
			Consumer<Throwable> failed) {
		return new AsyncApiCallback<>() {

			@Override
			public void onCompleted(T response) {
				completed.accept(response);
			}

			@Override
			public void onFailed(Throwable exception) {
				failed.accept(exception);
			}

		};
	}

	@FunctionalInterface
	interface SdkTest {

		void accept(AssertableApplicationContext context, ApiClient client) throws Exception;

	}

}
