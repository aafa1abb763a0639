package io.github.genesysoauth.client;

import java.io.InterruptedIOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@code genesysRestClient}: the wiring of the blocking transport (its behaviour under each fault is
 * {@code GenesysFaultMatrixTest}'s, run for every transport), the single flight under platform and virtual threads,
 * and waits that end on interruption.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysRestClientTest {

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class));

	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@Test
	void callsThePlatformApiWithABearerTokenFromBootsBuilder() {
		List<String> customized = new ArrayList<>();
		this.runner.withPropertyValues(genesys.propertyValues())
			.withBean(RestClientCustomizer.class, () -> (builder) -> customized.add("customized"))
			.run((context) -> {
				RestClient client = context.getBean("genesysRestClient", RestClient.class);

				assertThat(client.get().uri(ORGANIZATION).retrieve().body(String.class))
					.contains("Stand-in Organization");
				assertThat(client.get().uri("/api/v2/tokens/me").retrieve().body(String.class)).contains("OAuthClient");
				assertThat(genesys.tokenRequests()).isEqualTo(1);
				assertThat(genesys.unauthorizedApiRequests()).isZero();
				assertThat(customized).as("Boot's RestClientCustomizers apply").isNotEmpty();
			});
	}

	@Test
	void sendsNoTokenToAnotherHost() {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);
			String elsewhere = genesys.baseUrl().replace("127.0.0.1", "localhost") + ORGANIZATION;

			catchThrowableOfType(Exception.class, () -> client.get().uri(elsewhere).retrieve().body(String.class));

			assertThat(genesys.apiRequestLog()).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			assertThat(genesys.tokenRequests()).isZero();
		});
	}

	@Test
	void twoHundredPlatformThreadsOnAColdStartShareOneTokenRequest() {
		genesys.setTokenResponseDelay(Duration.ofMillis(200));
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);

			Set<String> answers = callConcurrently(200, () -> client.get().uri(ORGANIZATION).retrieve().body(String.class));

			assertThat(answers).singleElement().asString().contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(200);
		});
	}

	@Test
	void aThousandVirtualThreadsOnAColdStartShareOneTokenRequest() throws Exception {
		ExecutorService virtualThreads = virtualThreadPerTaskExecutor();
		genesys.setTokenResponseDelay(Duration.ofMillis(200));
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);
			CountDownLatch start = new CountDownLatch(1);
			Set<String> answers = ConcurrentHashMap.newKeySet();
			List<Future<?>> calls = new ArrayList<>();
			for (int call = 0; call < 1000; call++) {
				calls.add(virtualThreads.submit((Callable<Void>) () -> {
					start.await();
					answers.add(client.get().uri(ORGANIZATION).retrieve().body(String.class));
					return null;
				}));
			}
			start.countDown();
			for (Future<?> call : calls) {
				call.get(60, TimeUnit.SECONDS);
			}

			assertThat(answers).singleElement().asString().contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(1000);
		});
		virtualThreads.shutdownNow();
	}

	@Test
	void anInterruptedWaitForARetryEndsAtOnceWithAClearException() throws Exception {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);
			client.get().uri(ORGANIZATION).retrieve().body(String.class);
			genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ofSeconds(30)));
			InterruptedCall call = interruptOnceWaiting(client, GenesysRestClientTest::isWaitingToRetry);

			assertThat(call.took()).isLessThan(Duration.ofSeconds(1));
			assertThat(call.failure()).isInstanceOf(ResourceAccessException.class)
				.hasRootCauseInstanceOf(InterruptedException.class)
				.cause()
				.isInstanceOf(InterruptedIOException.class)
				.hasMessage("Interrupted while waiting for the retry of GET " + genesys.apiBaseUrl() + ORGANIZATION);
			assertThat(call.stillInterrupted()).as("the thread keeps its interrupt status").isTrue();
			assertThat(genesys.apiRequests()).isEqualTo(2);
		});
	}

	@Test
	void anInterruptedWaitForATokenEndsAtOnceWithAClearException() throws Exception {
		genesys.setTokenResponseDelay(Duration.ofSeconds(30));
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);
			InterruptedCall call = interruptOnceWaiting(client, (caller) -> genesys.tokenRequests() >= 1);

			assertThat(call.took()).isLessThan(Duration.ofSeconds(1));
			assertThat(call.failure()).isInstanceOf(ResourceAccessException.class)
				.cause()
				.isInstanceOf(InterruptedIOException.class)
				.hasMessage("Interrupted while waiting for a Genesys Cloud access token for GET " + genesys.apiBaseUrl()
						+ ORGANIZATION);
			assertThat(genesys.apiRequests()).isZero();
		});
	}

	@Test
	void refusesToWaitOnAReactorEventLoop() {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			RestClient client = context.getBean("genesysRestClient", RestClient.class);

			String outcome = Mono.fromCallable(() -> client.get().uri(ORGANIZATION).retrieve().body(String.class))
				.subscribeOn(Schedulers.parallel())
				.onErrorResume((ex) -> Mono.just("failed: " + ex.getMessage()))
				.block(Duration.ofSeconds(10));

			assertThat(outcome).startsWith("failed: ")
				.contains("non-blocking thread")
				.contains("use genesysWebClient in reactive code");
			assertThat(genesys.tokenRequests()).isZero();
		});
	}

	/**
	 * Calls the organization on a thread of its own, interrupts it once it waits as the condition says, and tells
	 * what the call ended with and how long after the interrupt.
	 */
	private static InterruptedCall interruptOnceWaiting(RestClient client, Predicate<Thread> waiting)
			throws InterruptedException {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
		Thread caller = new Thread(() -> {
			try {
				client.get().uri(ORGANIZATION).retrieve().body(String.class);
			}
			catch (Throwable ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		caller.start();
		while (!waiting.test(caller)) {
			Thread.sleep(5);
		}
		long start = System.nanoTime();
		caller.interrupt();
		caller.join(5000);
		return new InterruptedCall(failure.get(), Boolean.TRUE.equals(stillInterrupted.get()),
				Duration.ofNanos(System.nanoTime() - start));
	}

	record InterruptedCall(Throwable failure, boolean stillInterrupted, Duration took) {
	}

	private static boolean isWaitingToRetry(Thread caller) {
		for (StackTraceElement frame : caller.getStackTrace()) {
			if (frame.getClassName().equals(GenesysApiRequestInterceptor.class.getName())
					&& frame.getMethodName().equals("pause")) {
				return true;
			}
		}
		return false;
	}

	// Java 17 is the baseline; virtual threads are tested where the JVM has them (21 and later)
	private static ExecutorService virtualThreadPerTaskExecutor() throws Exception {
		assumeThat(Runtime.version().feature()).as("virtual threads need Java 21").isGreaterThanOrEqualTo(21);
		Method factory = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
		return (ExecutorService) factory.invoke(null);
	}

}
