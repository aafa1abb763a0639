package io.github.genesysoauth.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimitSettings;
import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Pacing under Genesys's per-token limit, against the stand-in at 60 requests a minute, on virtual time: 32 callers
 * make 600 calls, through the blocking and the reactive transport, with pacing on, only warned about and off. The
 * waits are the policy's own, to the millisecond; nothing sleeps.
 */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitPacingTest {

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	private static final int CALLERS = 32;

	private static final int CALLS = 600;

	private static final int LIMIT = 60;

	private VirtualTime time;

	private GenesysCloudStandIn genesys;

	private final Waits waits = new Waits();

	@BeforeEach
	void start() {
		this.time = new VirtualTime();
		this.genesys = GenesysCloudStandIn.builder().clock(this.time.clock()).rateLimitPerMinute(LIMIT).start();
	}

	@AfterEach
	void stop() {
		this.genesys.close();
		this.time.dispose();
	}

	// 600 calls at 60 a minute take ten windows: the last opens nine windows after the first, each reckoned a
	// minute and the guard second
	private static final Duration TEN_WINDOWS = Duration.ofMinutes(9).plus(Duration.ofSeconds(9));

	@Test
	void pacedBlockingCallersMeetNo429AndTakeTheTimeTheLimitGives() throws Exception {
		// the settings assume 300 a minute: the stand-in's inin-ratelimit-allowed says 60
		Outcome outcome = blocking(policy(GenesysRateLimitSettings.PACE, this.genesys.clientId()));

		assertThat(outcome.succeeded()).isEqualTo(CALLS);
		assertThat(outcome.failed()).isZero();
		assertThat(this.genesys.rateLimitedApiRequests()).as("429s").isZero();
		assertThat(this.genesys.apiRequests()).as("requests Genesys counted").isEqualTo(CALLS);
		assertThat(outcome.took()).isEqualTo(TEN_WINDOWS);
		// a caller that finds its window spent waits for the next, once per window at most
		assertThat(this.waits.paced).hasSizeBetween(8 * CALLERS, 9 * CALLERS)
			.allSatisfy((wait) -> assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(61)));
		assertThat(this.waits.refused).isEmpty();
	}

	@Test
	void pacedReactiveCallersMeetNo429AndTakeTheTimeTheLimitGives() throws Exception {
		Outcome outcome = reactive(policy(GenesysRateLimitSettings.PACE, this.genesys.clientId()));

		assertThat(outcome.succeeded()).isEqualTo(CALLS);
		assertThat(this.genesys.rateLimitedApiRequests()).as("429s").isZero();
		assertThat(this.genesys.apiRequests()).isEqualTo(CALLS);
		assertThat(outcome.took()).isEqualTo(TEN_WINDOWS);
		assertThat(this.waits.paced).hasSizeBetween(8 * CALLERS, 9 * CALLERS);
	}

	// today's behaviour, for comparison: the stand-in's nine minutes, but every window ends with a 429 for each caller still at
	// work (all 32 for the first eight windows), who all wait out Retry-After and come back together
	@Test
	void withoutPacingEveryWindowEndsIn429sThatAreWaitedOut() throws Exception {
		Outcome outcome = blocking(policy(GenesysRateLimitSettings.OFF, this.genesys.clientId()));
		int rateLimited = this.genesys.rateLimitedApiRequests();

		assertThat(outcome.succeeded()).isEqualTo(CALLS);
		assertThat(rateLimited).as("429s").isBetween(8 * CALLERS, 9 * CALLERS);
		assertThat(this.genesys.apiRequests()).isEqualTo(CALLS + rateLimited);
		assertThat(this.waits.retries).hasValue(rateLimited);
		assertThat(outcome.took()).isEqualTo(Duration.ofMinutes(9));
		assertThat(this.waits.paced).isEmpty();
	}

	@Test
	void warnOnlyLetsCallsMeetThe429sAndSaysSoOncePerWindow(CapturedOutput output) throws Exception {
		Outcome outcome = blocking(policy(new GenesysRateLimitSettings(Mode.WARN, 300, Duration.ofSeconds(60)),
				this.genesys.clientId()));

		assertThat(outcome.succeeded()).isEqualTo(CALLS);
		assertThat(this.genesys.rateLimitedApiRequests()).isBetween(8 * CALLERS, 9 * CALLERS);
		assertThat(this.waits.paced).isEmpty();
		assertThat(output.getOut().lines().filter((line) -> line.contains("will be answered 429"))).hasSize(9)
			.allSatisfy((line) -> assertThat(line).contains("Genesys org 'default'")
				.contains("requests a minute Genesys allows it")
				.contains("Set rateLimit.mode=pace"));
	}

	@Test
	void aWaitLongerThanMaxWaitFailsAtOnceUnsentAndLeavesTheSlotFree() throws Exception {
		GenesysApiCallPolicy policy = policy(new GenesysRateLimitSettings(Mode.PACE, LIMIT, Duration.ofSeconds(30)),
				this.genesys.clientId());
		RestClient client = restClient(policy);
		for (int i = 0; i < LIMIT; i++) {
			client.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
		}
		advance(Duration.ofSeconds(20));

		GenesysRateLimitException refused = catchThrowableOfType(GenesysRateLimitException.class,
					() -> client.get().uri(ORGANIZATION).retrieve().toBodilessEntity());

		assertThat(refused.getStatusCode().value()).isEqualTo(429);
		assertThat(refused.getAttempts()).as("never sent").isZero();
		assertThat(refused.isPacingRefusal()).isTrue();
		assertThat(refused.getResponseHeaders().isEmpty()).isTrue();
		assertThat(refused.getRetryAfter()).isEqualTo(Duration.ofSeconds(41));
		assertThat(refused).hasMessage("Genesys Cloud rate limit: GET " + this.genesys.apiBaseUrl() + ORGANIZATION
				+ " was not sent: its token has used the 60 requests a minute Genesys allows it, and its next free "
				+ "slot is in 41 s, longer than rateLimit.maxWait (30 s). Spread the calls out, or raise "
				+ "rateLimit.maxWait.");
		assertThat(this.genesys.apiRequests()).isEqualTo(LIMIT);
		assertThat(this.waits.refused).containsExactly(Duration.ofSeconds(41));
		advance(Duration.ofSeconds(41));
		assertThat(client.get().uri(ORGANIZATION).retrieve().toBodilessEntity().getStatusCode().value())
			.as("the refused call took no slot: the next window's first goes at once")
			.isEqualTo(200);
		assertThat(this.waits.paced).isEmpty();
	}

	// callers that give up while they wait (a timeout of their own) leave their slots: the next window is not held
	// empty for them
	@Test
	void callersThatGiveUpWhileWaitingLeaveTheirSlotsToOthers() throws Exception {
		GenesysApiCallPolicy policy = policy(GenesysRateLimitSettings.PACE, this.genesys.clientId());
		RestClient rest = restClient(policy);
		for (int i = 0; i < LIMIT; i++) {
			rest.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
		}
		WebClient client = WebClient.builder()
			.baseUrl(this.genesys.apiBaseUrl().toString())
			.filter(GenesysApiExchangeFilter.of(policy))
			.build();
		AtomicInteger timedOut = new AtomicInteger();
		this.time.callers(LIMIT);
		for (int i = 0; i < LIMIT; i++) {
			client.get()
				.uri(ORGANIZATION)
				.retrieve()
				.toBodilessEntity()
				.timeout(Duration.ofSeconds(10), this.time.scheduler())
				.doOnError(TimeoutException.class, (ex) -> timedOut.incrementAndGet())
				.onErrorResume((ex) -> Mono.empty())
				.doFinally((signal) -> this.time.callerDone())
				.subscribe();
		}
		this.time.run(Duration.ofSeconds(30));
		assertThat(timedOut).hasValue(LIMIT);
		advance(Duration.ofSeconds(51));

		assertThat(this.genesys.apiRequests()).as("the callers who gave up sent nothing").isEqualTo(LIMIT);
		URI url = URI.create(this.genesys.apiBaseUrl() + ORGANIZATION);
		for (int i = 0; i < LIMIT; i++) {
			assertThat(policy.pace(HttpMethod.GET, url, policy.tokens().freshToken(), 0).waits())
				.as("a slot of the window after theirs, which nobody took").isFalse();
		}
		assertThat(policy.pace(HttpMethod.GET, url, policy.tokens().freshToken(), 0).waits()).isTrue();
	}

	// org A spends its window and its callers wait for the next; org B's calls meanwhile go at once
	@Test
	void oneOrgAtItsLimitNeverSlowsAnother() throws Exception {
		this.genesys.addClient("acme-client", "acme-secret", "Acme");
		RestClient orgA = restClient(policy(GenesysRateLimitSettings.PACE, this.genesys.clientId()));
		Waits waitsOfA = this.waits;
		Waits waitsOfB = new Waits();
		RestClient orgB = restClient(policy(GenesysRateLimitSettings.PACE, "acme-client", "acme-secret",
				waitsOfB));
		AtomicReference<Duration> bDoneAt = new AtomicReference<>();
		AtomicInteger aCalls = new AtomicInteger();
		this.time.callers(5);
		ExecutorService threads = Executors.newFixedThreadPool(5);
		try {
			for (int caller = 0; caller < 4; caller++) {
				threads.submit(() -> calls(() -> {
					orgA.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
					aCalls.incrementAndGet();
				}, 20));
			}
			threads.submit(() -> {
				try {
					// once A has spent its window
					while (aCalls.get() < LIMIT) {
						Thread.onSpinWait();
					}
					for (int i = 0; i < 10; i++) {
						orgB.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
					}
					bDoneAt.set(this.time.elapsed());
				}
				finally {
					this.time.callerDone();
				}
			});
			this.time.run(Duration.ofSeconds(30));
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(aCalls).hasValue(80);
		// at most once per caller: a caller that was quick may have made all its calls in the first window
		assertThat(waitsOfA.paced).hasSizeBetween(1, 4).allSatisfy((wait) -> assertThat(wait).isPositive());
		assertThat(this.time.elapsed()).as("A's last 20 calls went in its second window")
			.isEqualTo(Duration.ofSeconds(61));
		assertThat(bDoneAt.get()).as("B's calls went at once").isEqualTo(Duration.ZERO);
		assertThat(waitsOfB.paced).isEmpty();
		assertThat(this.genesys.rateLimitedApiRequests()).isZero();
	}

	private void advance(Duration duration) throws InterruptedException {
		this.time.callers(1);
		this.time.scheduler().schedule(this.time::callerDone, duration.toNanos(), TimeUnit.NANOSECONDS);
		this.time.run(Duration.ofSeconds(10));
	}

	private GenesysApiCallPolicy policy(GenesysRateLimitSettings settings, String clientId) {
		return policy(settings, clientId, this.genesys.clientSecret(), this.waits);
	}

	private GenesysApiCallPolicy policy(GenesysRateLimitSettings settings, String clientId, String secret,
			Waits listener) {
		ClientRegistration registration = ClientRegistration.withRegistrationId(clientId)
			.clientId(clientId)
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.genesys.tokenUri().toString())
			.build();
		GenesysAccessTokens tokens = GenesysAccessTokens.builder(registration)
			.clock(this.time.clock())
			.rateLimit(settings)
			.build();
		return GenesysApiCallPolicy.builder(tokens, this.genesys.apiBaseUrl())
			.clock(this.time.clock())
			.scheduler(this.time.scheduler())
			.listener(listener)
			.build();
	}

	private RestClient restClient(GenesysApiCallPolicy policy) {
		return RestClient.builder()
			.baseUrl(this.genesys.apiBaseUrl().toString())
			.requestInterceptor(GenesysApiRequestInterceptor.of(policy))
			.build();
	}

	private Outcome blocking(GenesysApiCallPolicy policy) throws Exception {
		RestClient client = restClient(policy);
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		this.time.callers(CALLERS);
		ExecutorService threads = Executors.newFixedThreadPool(CALLERS);
		try {
			for (int caller = 0; caller < CALLERS; caller++) {
				int calls = share(caller);
				threads.submit(() -> calls(() -> {
					try {
						client.get().uri(ORGANIZATION).retrieve().toBodilessEntity();
						succeeded.incrementAndGet();
					}
					catch (GenesysRateLimitException ex) {
						failed.incrementAndGet();
					}
				}, calls));
			}
			this.time.run(Duration.ofSeconds(30));
		}
		finally {
			threads.shutdownNow();
		}
		return new Outcome(succeeded.get(), failed.get(), this.time.elapsed());
	}

	private Outcome reactive(GenesysApiCallPolicy policy) throws Exception {
		WebClient client = WebClient.builder()
			.baseUrl(this.genesys.apiBaseUrl().toString())
			.filter(GenesysApiExchangeFilter.of(policy))
			.build();
		AtomicInteger succeeded = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		this.time.callers(CALLERS);
		for (int caller = 0; caller < CALLERS; caller++) {
			Flux.range(0, share(caller))
				.concatMap((call) -> client.get()
					.uri(ORGANIZATION)
					.retrieve()
					.toBodilessEntity()
					.doOnSuccess((response) -> succeeded.incrementAndGet())
					.onErrorResume(GenesysRateLimitException.class, (ex) -> {
						failed.incrementAndGet();
						return Mono.empty();
					}))
				.doFinally((signal) -> this.time.callerDone())
				.subscribe();
		}
		this.time.run(Duration.ofSeconds(30));
		return new Outcome(succeeded.get(), failed.get(), this.time.elapsed());
	}

	private void calls(Runnable call, int count) {
		try {
			for (int i = 0; i < count; i++) {
				call.run();
			}
		}
		finally {
			this.time.callerDone();
		}
	}

	// 600 calls among 32 callers: 24 make 19, 8 make 18
	private static int share(int caller) {
		return CALLS / CALLERS + ((caller < CALLS % CALLERS) ? 1 : 0);
	}

	private record Outcome(int succeeded, int failed, Duration took) {
	}

	private static final class Waits implements GenesysRetryListener {

		final List<Duration> paced = new CopyOnWriteArrayList<>();

		final List<Duration> refused = new CopyOnWriteArrayList<>();

		final AtomicInteger retries = new AtomicInteger();

		@Override
		public void onRetry(GenesysRetryReason reason, HttpMethod method, URI url) {
			this.retries.incrementAndGet();
		}

		@Override
		public void onPaced(Duration wait, HttpMethod method, URI url) {
			this.paced.add(wait);
		}

		@Override
		public void onPacingRefused(Duration wait, HttpMethod method, URI url) {
			this.refused.add(wait);
		}

	}

}
