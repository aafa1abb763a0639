package io.github.genesysoauth.org;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysPropertyException;
import io.github.genesysoauth.autoconfigure.GenesysOAuthMetricsAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthSdkAutoConfiguration;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.sdk.GenesysOrgApiClients;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Several Genesys orgs in one application, each with its own OAuth client in its own organization on one stand-in:
 * named orgs from properties, orgs registered at run time and orgs a provider finds. What each org's calls carry and
 * cost, counted per OAuth client on the stand-in.
 */
class GenesysOrgsTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-11-25T08:00:00Z"), ZoneOffset.UTC);

	private GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class,
				RestClientAutoConfiguration.class, GenesysOAuthMetricsAutoConfiguration.class))
		.withBean("genesysClock", java.time.Clock.class, () -> this.clock)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	// an application that registers its orgs at run time declares a provider, which may find none
	private ApplicationContextRunner runTimeOnly() {
		return this.runner.withBean(GenesysOrgSettingsProvider.class, () -> (name) -> Optional.empty());
	}

	@BeforeEach
	void standIn() {
		this.genesys = GenesysCloudStandIn.builder().clock(this.clock).serverThreads(64).start();
	}

	@AfterEach
	void stop() {
		this.genesys.close();
	}

	@Test
	void twoNamedOrgsAndTheDefaultEachCallTheirOwnOrganizationWithTheirOwnTokens() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		StandInClient globex = this.genesys.addClient("globex-client", "globex-secret", "Globex");
		this.runner.withPropertyValues(this.genesys.propertyValues())
			.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId()))
			.withPropertyValues(this.genesys.orgPropertyValues("globex", globex.clientId()))
			.run((context) -> {
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				RestClient defaultClient = context.getBean("genesysRestClient", RestClient.class);
				for (int i = 0; i < 3; i++) {
					assertThat(me(defaultClient)).contains("Stand-in Organization");
				}
				for (int i = 0; i < 4; i++) {
					assertThat(me(orgs.org("acme").restClient())).contains("Acme Corp");
				}
				for (int i = 0; i < 5; i++) {
					assertThat(me(context.getBean(GenesysOrgWebClients.class).webClient("globex"))).contains("Globex");
				}

				assertThat(this.genesys.tokenRequests(this.genesys.clientId())).isOne();
				assertThat(this.genesys.tokenRequests(acme.clientId())).isOne();
				assertThat(this.genesys.tokenRequests(globex.clientId())).isOne();
				// every request carried a token of its own org's client, and nothing else
				assertThat(this.genesys.apiRequests(this.genesys.clientId())).isEqualTo(3);
				assertThat(this.genesys.apiRequests(acme.clientId())).isEqualTo(4);
				assertThat(this.genesys.apiRequests(globex.clientId())).isEqualTo(5);
				assertThat(this.genesys.apiRequests()).isEqualTo(12);
				assertThat(orgs.org("default").accessTokens())
					.isSameAs(context.getBean("genesysAccessTokens"));
				assertThat(orgs.configuredNames()).containsExactly("acme", "globex");
			});
	}

	@Test
	void eachOrgsSdkClientCallsItsOwnOrganizationThroughItsOwnTokens() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		this.runner.withConfiguration(AutoConfigurations.of(GenesysOAuthSdkAutoConfiguration.class))
			.withPropertyValues(this.genesys.propertyValues())
			.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId()))
			.run((context) -> {
				GenesysOrgApiClients clients = context.getBean(GenesysOrgApiClients.class);

				assertThat(new OrganizationApi(clients.apiClient("acme")).getOrganizationsMe().getName())
					.isEqualTo("Acme Corp");
				assertThat(new OrganizationApi(clients.apiClient("default")).getOrganizationsMe().getName())
					.isEqualTo("Stand-in Organization");

				assertThat(clients.apiClient("default")).isSameAs(context.getBean("genesysApiClient"));
				assertThat(clients.apiClient("acme")).isSameAs(clients.apiClient("acme"));
				assertThat(this.genesys.tokenRequests(acme.clientId())).isOne();
				assertThat(this.genesys.apiRequests(acme.clientId())).isOne();
				assertThat(this.genesys.apiRequests(this.genesys.clientId())).isOne();
			});
	}

	@Test
	void namedOrgsAloneNeedNoTopLevelClientId() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		// an empty client-id, as ${GENESYS_CLIENT_ID:} gives, is no client id
		this.runner.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId()))
			.withPropertyValues("genesys.oauth.client-id=")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("genesysAccessTokens")
					.doesNotHaveBean("genesysWebClient")
					.doesNotHaveBean("genesysRestClient")
					.doesNotHaveBean("genesysClientRegistration");
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				assertThat(me(orgs.org("acme").restClient())).contains("Acme Corp");
				assertThat(catchThrowable(() -> orgs.org("default"))).isInstanceOf(UnknownGenesysOrgException.class)
					.hasMessageContaining("genesys.oauth.client-id is not set");
				assertThat(catchThrowable(() -> orgs.org("initech"))).isInstanceOf(UnknownGenesysOrgException.class)
					.hasMessage("There is no Genesys org 'initech'. Configure it with genesys.oauth.orgs.initech.*, "
							+ "register it with GenesysOrgs.register, or declare a GenesysOrgSettingsProvider bean that "
							+ "finds it.");
			});
	}

	@Test
	void aProviderAloneNeedsNoTopLevelClientIdButNothingAtAllFailsStartUp() {
		this.runner.withBean(GenesysOrgSettingsProvider.class, () -> (name) -> Optional.empty())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("genesysAccessTokens"));
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOfSatisfying(GenesysPropertyException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo("genesys.oauth.client-id");
				assertThat(ex.getProblem()).isEqualTo("genesys.oauth.client-id is not set.");
				assertThat(ex.getAction()).contains("or configure organizations under genesys.oauth.orgs.<name>.*");
			}));
	}

	@Test
	void aNamedOrgsMistakesAreReportedWithItsPropertyNames() {
		this.runner.withPropertyValues("genesys.oauth.orgs.acme.client-id=acme-client").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOfSatisfying(GenesysPropertyException.class, (ex) -> {
					assertThat(ex.getProblem()).isEqualTo("genesys.oauth.orgs.acme.client-secret is not set.");
					assertThat(ex.getAction()).doesNotContain("GENESYS_OAUTH");
				});
		});
		this.runner
			.withPropertyValues("genesys.oauth.orgs.acme.client-id=a", "genesys.oauth.orgs.acme.client-secret=s",
					"genesys.oauth.orgs.acme.token-uri=http://login.example.com/oauth/token")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("genesys.oauth.orgs.acme.token-uri 'http://login.example.com/oauth/token' "
						+ "uses http:// for login.example.com, which is not a loopback host"));
		this.runner
			.withPropertyValues("genesys.oauth.orgs.Acme_Corp.client-id=a", "genesys.oauth.orgs.Acme_Corp.client-secret=s")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("is not a usable org name: names are lower-case letters, digits and '-'"));
	}

	@Test
	void fiftyRunTimeOrgsServeTheirCallersWhileOneHasAWrongSecretAndOneIsBehindAnOutage() {
		List<StandInClient> clients = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			clients.add(this.genesys.addClient("client-" + i, "secret-" + i, "Organization " + i));
		}
		StandInClient wrongSecret = clients.get(7);
		StandInClient outage = clients.get(13);
		this.genesys.failTokenRequestsFor(outage.clientId(), Duration.ofHours(1), TokenFault.status(503));
		runTimeOnly().withPropertyValues("genesys.oauth.retry.max-backoff=1ms", "genesys.oauth.retry.initial-backoff=1ms")
			.run((context) -> {
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				for (int i = 0; i < 50; i++) {
					StandInClient client = clients.get(i);
					orgs.register("org-" + i, settings(client.clientId(),
							(client == wrongSecret) ? "not-the-secret" : client.clientSecret()));
				}
				Map<String, Throwable> failures = new ConcurrentHashMap<>();
				runConcurrently(50 * 32, (index) -> {
					String org = "org-" + (index % 50);
					try {
						String answer = me(orgs.org(org).restClient());
						if (!answer.contains("\"" + clients.get(index % 50).organizationName() + "\"")) {
							failures.put(org, new AssertionError(org + " answered " + answer));
						}
					}
					catch (RuntimeException ex) {
						failures.put(org, ex);
					}
				});

				assertThat(failures).containsOnlyKeys("org-7", "org-13");
				assertThat(failures.get("org-7")).isInstanceOfSatisfying(GenesysAuthenticationException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("invalid_client"));
				assertThat(failures.get("org-13")).isInstanceOfSatisfying(GenesysAuthenticationException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("server_error"));
				for (int i = 0; i < 50; i++) {
					StandInClient client = clients.get(i);
					if (client == wrongSecret || client == outage) {
						continue;
					}
					assertThat(this.genesys.tokenRequests(client.clientId())).as("org-" + i).isOne();
					assertThat(this.genesys.apiRequests(client.clientId())).as("org-" + i).isEqualTo(32);
				}
				// the refused org asked once and now pauses; the one behind the outage gave up after its attempts
				assertThat(this.genesys.tokenRequests(wrongSecret.clientId())).isOne();
				assertThat(this.genesys.tokenRequests(outage.clientId())).isBetween(1, 3 * 32);
				assertThat(this.genesys.apiRequests(wrongSecret.clientId())).isZero();
				assertThat(orgs.runTimeOrgs()).isEqualTo(new GenesysOrgs.RunTimeOrgs(50, 50, 2));
			});
	}

	@Test
	void aProvidedOrgIsLookedUpOnceAndObtainsOneTokenUnderAHundredConcurrentFirstCallers() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		AtomicInteger lookups = new AtomicInteger();
		CountDownLatch allArrived = new CountDownLatch(100);
		GenesysOrgSettingsProvider vault = (name) -> {
			lookups.incrementAndGet();
			try {
				// the first caller's lookup lasts until every caller asked for the org, bounded
				allArrived.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return name.equals("acme") ? Optional.of(settings(acme.clientId(), acme.clientSecret())) : Optional.empty();
		};
		this.runner.withBean(GenesysOrgSettingsProvider.class, () -> vault).run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);

			Set<String> answers = ConcurrentCallers.call(100, () -> {
				allArrived.countDown();
				return me(orgs.org("acme").restClient());
			});

			assertThat(answers).singleElement().asString().contains("Acme Corp");
			assertThat(lookups).hasValue(1);
			assertThat(this.genesys.tokenRequests(acme.clientId())).isOne();
			assertThat(this.genesys.apiRequests(acme.clientId())).isEqualTo(100);
			assertThat(catchThrowable(() -> orgs.org("initech"))).isInstanceOf(UnknownGenesysOrgException.class)
				.hasMessageContaining("the GenesysOrgSettingsProvider does not know it either");
			assertThat(lookups).hasValue(2);
		});
	}

	@Test
	void aWebClientFilterLooksAProvidedOrgUpOffTheNonBlockingThreadItRunsOn() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		List<Boolean> lookedUpOnNonBlockingThread = new CopyOnWriteArrayList<>();
		GenesysOrgSettingsProvider vault = (name) -> {
			lookedUpOnNonBlockingThread.add(Schedulers.isInNonBlockingThread());
			return Optional.of(settings(acme.clientId(), acme.clientSecret()));
		};
		this.runner.withBean(GenesysOrgSettingsProvider.class, () -> vault).run((context) -> {
			ExchangeFilterFunction filter = GenesysOrgExchangeFilters.of(context.getBean(GenesysOrgs.class), "acme");
			ClientRequest request = ClientRequest
				.create(HttpMethod.GET, URI.create(this.genesys.apiBaseUrl() + "/api/v2/organizations/me"))
				.build();
			ExchangeFunction next = ExchangeFunctions.create(new ReactorClientHttpConnector());

			// as a WebClient-backed HTTP service group's call would, on a thread that must not block
			String answer = Mono.defer(() -> filter.filter(request, next))
				.flatMap((response) -> response.bodyToMono(String.class))
				.subscribeOn(Schedulers.parallel())
				.block(WAIT);

			assertThat(answer).contains("Acme Corp");
			assertThat(lookedUpOnNonBlockingThread).containsExactly(false);
			assertThat(this.genesys.tokenRequests(acme.clientId())).isOne();
		});
	}

	@Test
	void noCallCarriesARemovedOrgsTokenOnceRemoveReturned() {
		StandInClient before = this.genesys.addClient("before-client", "before-secret", "Before Rotation");
		StandInClient after = this.genesys.addClient("after-client", "after-secret", "After Rotation");
		runTimeOnly().run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			orgs.register("acme", settings(before.clientId(), before.clientSecret()));
			GenesysOrg kept = orgs.org("acme");
			GenesysAccessTokens keptTokens = kept.accessTokens();
			AtomicInteger phase = new AtomicInteger();
			AtomicBoolean stop = new AtomicBoolean();
			List<CountDownLatch> callsIn = List.of(new CountDownLatch(50), new CountDownLatch(20), new CountDownLatch(50));
			Map<String, Integer> answersAfterRemoval = new ConcurrentHashMap<>();
			List<Throwable> unexpected = new CopyOnWriteArrayList<>();
			ExecutorService callers = Executors.newFixedThreadPool(8);
			List<Future<?>> running = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				running.add(callers.submit(() -> {
					while (!stop.get()) {
						int startedIn = phase.get();
						try {
							String answer = me(orgs.org("acme").restClient());
							if (startedIn > 0) {
								answersAfterRemoval.merge(answer, 1, Integer::sum);
							}
						}
						catch (UnknownGenesysOrgException | GenesysAuthenticationException ex) {
							// removed meanwhile, or its token source closed under a waiting call
							if (startedIn == 2) {
								unexpected.add(ex);
							}
						}
						catch (RuntimeException ex) {
							unexpected.add(ex);
						}
						callsIn.get(startedIn).countDown();
					}
				}));
			}
			await(callsIn.get(0));
			orgs.remove("acme");
			phase.set(1);
			// its token source stopped: no token from it, not even the one it held
			assertThat(keptTokens.freshToken()).isNull();
			assertThat(catchThrowable(() -> keptTokens.accessToken().block(WAIT)))
				.isInstanceOfSatisfying(GenesysAuthenticationException.class,
						(ex) -> assertThat(ex.getErrorCode()).isEqualTo("closed"));
			await(callsIn.get(1));
			orgs.register("acme", settings(after.clientId(), after.clientSecret()));
			phase.set(2);
			await(callsIn.get(2));
			stop.set(true);
			for (Future<?> caller : running) {
				caller.get(30, TimeUnit.SECONDS);
			}
			callers.shutdown();

			assertThat(unexpected).isEmpty();
			// a call that started after remove() returned never reached Before Rotation's organization
			assertThat(answersAfterRemoval.keySet()).isNotEmpty()
				.allSatisfy((answer) -> assertThat(answer).contains("After Rotation"));
			int beforeCalls = this.genesys.apiRequests(before.clientId());
			assertThat(catchThrowable(() -> me(kept.restClient()))).isInstanceOf(UnknownGenesysOrgException.class)
				.hasMessageContaining("Genesys org 'acme' was removed");
			assertThat(this.genesys.apiRequests(before.clientId())).isEqualTo(beforeCalls);
			assertThat(this.genesys.tokenRequests(after.clientId())).isOne();
		});
	}

	@Test
	void newCredentialsForTheSameOrgTakeEffectAtItsNextTokenRequest() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		runTimeOnly().run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			GenesysOrg org = orgs.register("acme", settings(acme.clientId(), acme.clientSecret()));
			RestClient client = org.restClient();
			me(client);
			this.genesys.setClientSecret(acme.clientId(), "rotated-secret");

			assertThat(orgs.register("acme", settings(acme.clientId(), "rotated-secret"))).isSameAs(org);
			me(client);
			assertThat(this.genesys.tokenRequests(acme.clientId())).isOne();
			org.accessTokens().invalidate();
			assertThat(me(client)).contains("Acme Corp");
			assertThat(this.genesys.tokenRequests(acme.clientId())).isEqualTo(2);
		});
	}

	@Test
	void anIdleRunTimeOrgReleasesItsTokenOnTheClockAndAConfiguredOneKeepsIt() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		StandInClient globex = this.genesys.addClient("globex-client", "globex-secret", "Globex");
		this.runner.withPropertyValues(this.genesys.orgPropertyValues("globex", globex.clientId()))
			.withPropertyValues("genesys.oauth.org-idle-timeout=30m")
			.run((context) -> {
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				RestClient acmeClient = orgs.register("acme", settings(acme.clientId(), acme.clientSecret()))
					.restClient();
				me(acmeClient);
				me(orgs.org("globex").restClient());
				this.clock.add(Duration.ofMinutes(20));
				me(acmeClient);
				assertThat(orgs.runTimeOrgs().active()).isOne();
				assertThat(meters.find("genesys.oauth.token.expires.in").tag("org", "acme").gauge()).isNotNull();

				this.clock.add(Duration.ofMinutes(31));
				orgs.releaseIdle();

				assertThat(orgs.runTimeOrgs()).isEqualTo(new GenesysOrgs.RunTimeOrgs(1, 0, 0));
				// its series go on: no token held now
				assertThat(meters.get("genesys.oauth.token.expires.in").tag("org", "acme").gauge().value()).isZero();
				// its clients still work: the next call obtains a new token
				assertThat(me(acmeClient)).contains("Acme Corp");
				assertThat(this.genesys.tokenRequests(acme.clientId())).isEqualTo(2);
				assertThat(meters.get("genesys.oauth.token.expires.in").tag("org", "acme").gauge().value()).isPositive();

				// idle again, and used again without an explicit release: the new token source has its gauge
				this.clock.add(Duration.ofMinutes(31));
				assertThat(me(acmeClient)).contains("Acme Corp");
				assertThat(this.genesys.tokenRequests(acme.clientId())).isEqualTo(3);
				assertThat(meters.get("genesys.oauth.token.expires.in").tag("org", "acme").gauge().value()).isPositive();
				me(orgs.org("globex").restClient());
				assertThat(this.genesys.tokenRequests(globex.clientId())).isOne();
			});
	}

	@Test
	void anotherOAuthClientRegisteredUnderAnOrgsNameNeverGetsTheOldClientsToken() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		StandInClient globex = this.genesys.addClient("globex-client", "globex-secret", "Globex");
		runTimeOnly().run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			RestClient tenant = orgs.register("tenant-7", settings(acme.clientId(), acme.clientSecret())).restClient();
			assertThat(me(tenant)).contains("Acme Corp");

			orgs.register("tenant-7", settings(globex.clientId(), globex.clientSecret()));

			assertThat(me(tenant)).contains("Globex");
			assertThat(this.genesys.tokenRequests(globex.clientId())).isOne();
			assertThat(this.genesys.apiRequests(acme.clientId())).isOne();
		});
	}

	@Test
	void anOrgOfPropertiesKeepsItsClientAndCannotBeRemovedAtRunTime() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		this.runner.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId())).run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);

			assertThat(catchThrowable(() -> orgs.remove("acme"))).isInstanceOf(IllegalArgumentException.class)
				.hasMessage("Genesys org 'acme' is configured by genesys.oauth.orgs.acme.*; it cannot be removed at "
						+ "run time");
			assertThat(catchThrowable(() -> orgs.register("acme", settings("other-client", "other-secret"))))
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageStartingWith("Genesys org 'acme' is configured by genesys.oauth.orgs.acme.*");
			assertThat(orgs.register("acme", settings(acme.clientId(), "rotated-secret"))).isSameAs(orgs.org("acme"));
			assertThat(catchThrowable(() -> orgs.org("Acme_Corp"))).isInstanceOf(UnknownGenesysOrgException.class)
				.hasMessage("There is no Genesys org 'Acme_Corp': org names are lower-case letters, digits and '-'.");
		});
	}

	@Test
	void eachOrgsRetriesAreCountedForThatOrgAloneAndTheApplicationsListenerHearsThemAll() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		List<String> heard = new CopyOnWriteArrayList<>();
		// Boot's metrics support binds the default org's meters
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withPropertyValues(this.genesys.propertyValues())
			.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId()))
			.withBean("auditRetries", GenesysRetryListener.class,
					() -> (reason, method, url) -> heard.add(reason.value()))
			.run((context) -> {
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				this.genesys.failApiRequests(acme.clientId(), 1, ApiFault.unauthorized());
				assertThat(me(orgs.org("acme").restClient())).contains("Acme Corp");
				this.genesys.failApiRequests(this.genesys.clientId(), 1, ApiFault.status(503));
				assertThat(me(context.getBean("genesysRestClient", RestClient.class))).contains("Stand-in");

				assertThat(retries(meters, "acme", "unauthorized")).isOne();
				assertThat(retries(meters, "acme", "server_error")).isZero();
				assertThat(retries(meters, "default", "unauthorized")).isZero();
				assertThat(retries(meters, "default", "server_error")).isOne();
				assertThat(heard).containsExactly("unauthorized", "server_error");
			});
	}

	@Test
	void aRemovedOrgsMetersLeaveTheRegistryEvenAfterAnIdleRelease() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		runTimeOnly().withPropertyValues("genesys.oauth.org-idle-timeout=30m").run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			me(orgs.register("acme", settings(acme.clientId(), acme.clientSecret())).restClient());
			this.clock.add(Duration.ofMinutes(31));
			orgs.releaseIdle();
			assertThat(meters.find("genesys.api.retries").tag("org", "acme").counters()).hasSize(3);

			orgs.remove("acme");

			assertThat(meters.find("genesys.api.retries").tag("org", "acme").counters()).isEmpty();
			assertThat(meters.find("genesys.oauth.token.expires.in").tag("org", "acme").gauge()).isNull();
		});
	}

	@Test
	void anOrgThatIsGoneNeverTakesTheMetersOfItsSuccessor() {
		this.runner.withPropertyValues(this.genesys.propertyValues()).run((context) -> {
			GenesysOrgObserver observer = context.getBean("genesysOrgObserver", GenesysOrgObserver.class);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			GenesysAccessTokens before = tokensOf("acme");
			GenesysAccessTokens after = tokensOf("acme");
			GenesysOrgObserver.Watch gone = observer.observe("acme", false, before);
			GenesysOrgObserver.Watch successor = observer.observe("acme", false, after);

			gone.release().close();
			gone.forget().run();

			assertThat(meters.find("genesys.oauth.token.expires.in").tag("org", "acme").gauge()).isNotNull();
			successor.forget().run();
			assertThat(meters.find("genesys.oauth.token.expires.in").tag("org", "acme").gauge()).isNull();
		});
	}

	private GenesysAccessTokens tokensOf(String org) {
		return GenesysAccessTokens.builder(settings("acme-client", "acme-secret").clientRegistration("genesys-" + org))
			.orgName(org)
			.build();
	}

	private static double retries(MeterRegistry meters, String org, String reason) {
		return meters.get("genesys.api.retries").tag("org", org).tag("reason", reason).counter().count();
	}

	@Test
	void metricsCarryTheOrgOrOneSharedSeriesForRunTimeOrgs() {
		StandInClient acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		StandInClient globex = this.genesys.addClient("globex-client", "globex-secret", "Globex");
		StandInClient initech = this.genesys.addClient("initech-client", "initech-secret", "Initech");
		// Boot's observation support turns token requests into the genesys.oauth.token.requests timer
		this.runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
			.withPropertyValues(this.genesys.orgPropertyValues("acme", acme.clientId()))
			.withPropertyValues("genesys.oauth.metrics.tag-run-time-orgs=false")
			.run((context) -> {
				GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				me(orgs.org("acme").restClient());
				me(orgs.register("globex", settings(globex.clientId(), globex.clientSecret())).restClient());
				me(orgs.register("initech", settings(initech.clientId(), initech.clientSecret())).restClient());

				assertThat(meters.get("genesys.oauth.token.expires.in").tag("org", "acme").tag("client", "acme-client")
					.gauge()
					.value()).isPositive();
				assertThat(meters.get("genesys.api.retries").tag("org", "acme").tag("reason", "unauthorized")
					.counter()).isNotNull();
				assertThat(meters.get("genesys.api.retries").tag("org", "run-time").tag("client", "run-time")
					.counters()).hasSize(3);
				assertThat(meters.find("genesys.oauth.token.expires.in").tag("org", "run-time").gauge()).isNull();
				assertThat(meters.get("genesys.oauth.token.requests").tag("org", "acme").tag("client", "acme-client")
					.timer()
					.count()).isOne();
				assertThat(meters.get("genesys.oauth.token.requests").tag("org", "run-time").tag("client", "run-time")
					.timer()
					.count()).isEqualTo(2);
				assertThat(meters.getMeters()).noneMatch((meter) -> "globex".equals(meter.getId().getTag("org"))
						|| "initech-client".equals(meter.getId().getTag("client")));
			});
	}

	// an org of the stand-in: its URIs, as a user would give a vault's
	private GenesysOrgSettings settings(String clientId, String clientSecret) {
		return GenesysOrgSettings.builder()
			.clientId(clientId)
			.clientSecret(clientSecret)
			.tokenUri(this.genesys.tokenUri())
			.apiBaseUrl(this.genesys.apiBaseUrl())
			.build();
	}

	private static String me(RestClient client) {
		return client.get().uri("/api/v2/organizations/me").retrieve().body(String.class);
	}

	private static String me(WebClient client) {
		return client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
	}

	private static void runConcurrently(int callers, java.util.function.IntConsumer call) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(callers);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				int index = i;
				futures.add(threads.submit(() -> {
					start.await();
					call.accept(index);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get(60, TimeUnit.SECONDS);
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) throws InterruptedException {
		assertThat(latch.await(30, TimeUnit.SECONDS)).as("calls within 30 s").isTrue();
	}

}
