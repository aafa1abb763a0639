package io.github.genesysoauth.client;

import java.util.List;
import java.util.stream.Stream;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysPropertyException;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.test.ForwardProxy;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.WebClientTokenResponseClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Behind a company's HTTP proxy ({@code genesys.oauth.proxy.*}), token requests and API calls take the same route, for
 * every client style and every kind of org. The clients are given a port where nothing listens, which the proxy
 * relays to the stand-in: a request that went past the proxy would fail, so every answer below came through it.
 * JDK's HttpClient sends plain requests to the proxy ({@code GET http://...}), Reactor Netty tunnels them (CONNECT).
 */
class CorporateProxyTest {

	private static final String ME = "/api/v2/organizations/me";


	private static GenesysCloudStandIn genesys;

	private static StandInClient acme;

	private static int hidden;

	private ForwardProxy proxy;

	@BeforeAll
	static void start() {
		genesys = GenesysCloudStandIn.builder().start();
		acme = genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		hidden = ForwardProxy.unusedPort();
	}

	@AfterAll
	static void stop() {
		genesys.close();
	}

	@AfterEach
	void reset() {
		if (this.proxy != null) {
			this.proxy.close();
		}
		genesys.heal();
		genesys.resetCounters();
	}

	private ApplicationContextRunner runner(ForwardProxy proxy, String... properties) {
		this.proxy = proxy.route(hidden, genesys.apiBaseUrl().getPort());
		return new ApplicationContextRunner()
			.withConfiguration(GenesysAutoConfigurations.everyClient())
			.withPropertyValues("genesys.oauth.client-id=" + genesys.clientId(),
					"genesys.oauth.client-secret=" + genesys.clientSecret(), "genesys.oauth.token-uri=" + hiddenUrl()
							+ "/oauth/token",
					"genesys.oauth.api-base-url=" + hiddenUrl(), "genesys.oauth.proxy.host=" + proxy.host(),
					"genesys.oauth.proxy.port=" + proxy.port())
			.withPropertyValues(properties);
	}

	// org acme, on a port only its own proxy relays, and that proxy as its own route
	private static String[] acmeBehind(ForwardProxy acmeProxy, String tokenUri, int acmeHidden) {
		return new String[] { "genesys.oauth.orgs.acme.client-id=" + acme.clientId(),
				"genesys.oauth.orgs.acme.client-secret=" + acme.clientSecret(),
				"genesys.oauth.orgs.acme.token-uri=" + tokenUri,
				"genesys.oauth.orgs.acme.api-base-url=http://127.0.0.1:" + acmeHidden,
				"genesys.oauth.orgs.acme.proxy.host=" + acmeProxy.host(),
				"genesys.oauth.orgs.acme.proxy.port=" + acmeProxy.port() };
	}

	private static String hiddenUrl() {
		return "http://127.0.0.1:" + hidden;
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("styles")
	void theDefaultOrgsTokenRequestAndApiCallsGoThroughTheProxy(String style, String client) {
		runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=" + client,
				"spring.http.clients.reactive.connector=" + client)
			.withUserConfiguration(OrganizationGroup.class)
			.run((context) -> {
				String body = switch (style) {
					case "RestClient" -> Me.of(context.getBean("genesysRestClient", RestClient.class));
					case "WebClient" -> Me.of(context.getBean("genesysWebClient", WebClient.class));
					case "HTTP interface" -> context.getBean(Organizations.class).me();
					default -> new OrganizationApi(context.getBean("genesysApiClient", ApiClient.class))
						.getOrganizationsMe()
						.getName();
				};

				assertThat(body).contains("Stand-in Organization");
				assertThat(genesys.tokenRequests()).isOne();
				assertThat(genesys.apiRequests()).isOne();
				assertThroughTheProxy(client);
			});
	}

	static Stream<Arguments> styles() {
		return Stream.of("RestClient", "WebClient", "HTTP interface", "SDK")
			.flatMap((style) -> Stream.of("jdk", "reactor").map((client) -> Arguments.of(style, client)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "named", "run-time" })
	void anotherOrgsTokenRequestAndApiCallsGoThroughTheProxyToo(String kind) {
		ApplicationContextRunner runner = runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk");
		if (kind.equals("named")) {
			runner = runner.withPropertyValues("genesys.oauth.orgs.acme.client-id=" + acme.clientId(),
					"genesys.oauth.orgs.acme.client-secret=" + acme.clientSecret(),
					"genesys.oauth.orgs.acme.token-uri=" + hiddenUrl() + "/oauth/token",
					"genesys.oauth.orgs.acme.api-base-url=" + hiddenUrl());
		}
		runner.run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			if (kind.equals("run-time")) {
				orgs.register("acme", GenesysOrgSettings.builder()
					.clientId(acme.clientId())
					.clientSecret(acme.clientSecret())
					.tokenUri(java.net.URI.create(hiddenUrl() + "/oauth/token"))
					.apiBaseUrl(java.net.URI.create(hiddenUrl()))
					.build());
			}
			GenesysOrg org = orgs.org("acme");

			assertThat(Me.of(org.restClient())).contains("Acme Corp");
			assertThat(Me.of(context.getBean(GenesysOrgWebClients.class).client(org))).contains("Acme Corp");
			assertThat(genesys.tokenRequests(acme.clientId())).isOne();
			assertThat(genesys.apiRequests(acme.clientId())).isEqualTo(2);
		});
	}

	@Test
	void aNamedOrgOfItsOwnProxyGoesThroughItAndTheDefaultOrgThroughTheSharedOne() {
		// each proxy relays its own hidden port only: an org sent through the other proxy would fail
		int acmeHidden = ForwardProxy.unusedPort();
		try (ForwardProxy acmeProxy = ForwardProxy.start().route(acmeHidden, genesys.apiBaseUrl().getPort())) {
			runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk")
				.withPropertyValues(acmeBehind(acmeProxy, "http://127.0.0.1:" + acmeHidden + "/oauth/token", acmeHidden))
				.run((context) -> {
					GenesysOrg org = context.getBean(GenesysOrgs.class).org("acme");
					assertThat(Me.of(org.restClient())).contains("Acme Corp");
					assertThat(Me.of(context.getBean(GenesysOrgWebClients.class).client(org))).contains("Acme Corp");
					assertThat(Me.of(context.getBean("genesysRestClient", RestClient.class))).contains("Stand-in Organization");

					assertThat(acmeProxy.relayedRequests()).isNotEmpty()
						.allSatisfy((request) -> assertThat(request.target()).isEqualTo("127.0.0.1:" + acmeHidden));
					assertThat(this.proxy.relayedRequests()).isNotEmpty()
						.allSatisfy((request) -> assertThat(request.target()).isEqualTo("127.0.0.1:" + hidden));
					assertThat(genesys.tokenRequests(acme.clientId())).isOne();
					assertThat(genesys.tokenRequests(genesys.clientId())).isOne();
				});
		}
	}

	@Test
	void theHttpServiceGroupOfANamedOrgTakesItsRoute() {
		int acmeHidden = ForwardProxy.unusedPort();
		try (ForwardProxy acmeProxy = ForwardProxy.start().route(acmeHidden, genesys.apiBaseUrl().getPort())) {
			runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk")
				.withPropertyValues(acmeBehind(acmeProxy, "http://127.0.0.1:" + acmeHidden + "/oauth/token", acmeHidden))
				.withUserConfiguration(AcmeGroup.class)
				.run((context) -> {
					assertThat(context.getBean(AcmeOrganizations.class).me()).contains("Acme Corp");
					assertThat(acmeProxy.relayedRequests()).extracting(ForwardProxy.Relayed::path).contains(ME);
					assertThat(this.proxy.relayedRequests()).isEmpty();
				});
		}
	}

	@Test
	void aLoginRouteSetApartTakesTheTokenRequestsAndTheApiCallsKeepTheirs() {
		int loginHidden = ForwardProxy.unusedPort();
		try (ForwardProxy loginProxy = ForwardProxy.start().route(loginHidden, genesys.apiBaseUrl().getPort())) {
			runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk",
					"spring.http.clients.reactive.connector=jdk",
					"genesys.oauth.token-uri=http://127.0.0.1:" + loginHidden + "/oauth/token",
					"genesys.oauth.login.proxy.host=" + loginProxy.host(),
					"genesys.oauth.login.proxy.port=" + loginProxy.port())
				.run((context) -> {
					assertThat(Me.of(context.getBean("genesysRestClient", RestClient.class))).contains("Stand-in Organization");

					assertThat(loginProxy.relayedRequests()).extracting(ForwardProxy.Relayed::path)
						.containsOnly("/oauth/token");
					assertThat(this.proxy.relayedRequests()).extracting(ForwardProxy.Relayed::path).containsOnly(ME);
				});
		}
	}

	@Test
	void anApplicationsOwnTokenTransportCarriesTheTokenRequestsOfAnOrgOfItsOwnRouteToo() {
		int acmeHidden = ForwardProxy.unusedPort();
		try (ForwardProxy acmeProxy = ForwardProxy.start().route(acmeHidden, genesys.apiBaseUrl().getPort())) {
			runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk",
					"spring.http.clients.reactive.connector=jdk")
				.withPropertyValues(acmeBehind(acmeProxy, genesys.tokenUri().toString(), acmeHidden))
				// the application's own: direct, on Reactor Netty, with no proxy at all
				.withBean("genesysTokenResponseClient", GenesysTokenResponseClient.class,
						() -> GenesysTokenResponseClient.reactive(WebClientTokenResponseClients.of(WebClient.create())))
				.run((context) -> {
					GenesysOrg org = context.getBean(GenesysOrgs.class).org("acme");
					assertThat(Me.of(org.restClient())).contains("Acme Corp");

					assertThat(acmeProxy.relayedRequests()).extracting(ForwardProxy.Relayed::path).containsOnly(ME);
					assertThat(genesys.tokenRequests(acme.clientId())).isOne();
				});
		}
	}

	@Test
	void withProxyAuthenticationTheRightCredentialsPassAndWrongOnesFailClearlyWithoutReachingTheLogin() {
		runner(ForwardProxy.start("corp-user", "corp-password"), "genesys.oauth.proxy.username=corp-user",
				"genesys.oauth.proxy.password=corp-password")
			.run((context) -> {
				assertThat(Me.of(context.getBean("genesysWebClient", WebClient.class))).contains("Stand-in Organization");
				assertThat(this.proxy.relayedRequests()).isNotEmpty()
					.allSatisfy((request) -> assertThat(request.credentialsSent()).isTrue());
			});
		genesys.resetCounters();

		runner(ForwardProxy.start("corp-user", "corp-password"), "genesys.oauth.proxy.username=corp-user",
				"genesys.oauth.proxy.password=not-the-proxy-password")
			.run((context) -> {
				GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
						() -> Me.of(context.getBean("genesysWebClient", WebClient.class)));

				assertThat(failure.getErrorCode()).isEqualTo("proxy_refused");
				assertThat(failure.getMessage()).contains("the HTTP proxy refused the request (407")
					.contains("Check genesys.oauth.proxy.username and genesys.oauth.proxy.password")
					.doesNotContain("not-the-proxy-password")
					.doesNotContain("corp-password");
				assertThat(this.proxy.refusedRequests()).as("not retried: a proxy may lock the account").isOne();
				assertThat(this.proxy.relayedRequests()).isEmpty();
				assertThat(genesys.tokenRequests()).isZero();
			});
	}

	@Test
	void nonProxyHostsAreReachedDirectlyAndOthersThroughTheProxy() {
		// the default org on 127.0.0.1, listed: direct to the stand-in's own port; org acme on localhost, not listed:
		// on the port only the proxy relays
		runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk",
				"genesys.oauth.token-uri=" + genesys.tokenUri(), "genesys.oauth.api-base-url=" + genesys.apiBaseUrl(),
				"genesys.oauth.proxy.non-proxy-hosts=127.0.0.1,*.corp.example",
				"genesys.oauth.orgs.acme.client-id=" + acme.clientId(),
				"genesys.oauth.orgs.acme.client-secret=" + acme.clientSecret(),
				"genesys.oauth.orgs.acme.token-uri=http://localhost:" + hidden + "/oauth/token",
				"genesys.oauth.orgs.acme.api-base-url=http://localhost:" + hidden)
			.run((context) -> {
				assertThat(Me.of(context.getBean("genesysRestClient", RestClient.class))).contains("Stand-in Organization");
				assertThat(this.proxy.requests()).isEmpty();

				assertThat(Me.of(context.getBean(GenesysOrgs.class).org("acme").restClient())).contains("Acme Corp");
				assertThat(this.proxy.relayedRequests()).extracting(ForwardProxy.Relayed::target)
					.containsOnly("localhost:" + hidden);
			});
	}

	@Test
	void withoutWebClientTokenRequestsOverRestClientGoThroughTheProxyToo() {
		runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=jdk")
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean("genesysWebClient");
				assertThat(Me.of(context.getBean("genesysRestClient", RestClient.class))).contains("Stand-in Organization");
				assertThroughTheProxy("jdk");
			});
	}

	@Test
	void aProxyTheClientCannotHonourOrThatDoesNotParseFailsStartUpNamingWhatToSet() {
		assertStartUpFailure(runner(ForwardProxy.start(), "spring.http.clients.imperative.factory=simple",
				"genesys.oauth.proxy.username=corp-user", "genesys.oauth.proxy.password=corp-password"),
				"genesys.oauth.proxy.host", "cannot be told about the proxy with credentials or non-proxy hosts",
				"Set spring.http.clients.imperative.factory to jdk or reactor");
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.proxy.host=http://proxy.corp.example:3128"),
				"genesys.oauth.proxy.host", "'http://proxy.corp.example:3128' is not a host name",
				"genesys.oauth.proxy.host=proxy.corp.example and genesys.oauth.proxy.port=3128");
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.proxy.port=0"), "genesys.oauth.proxy.port",
				"needs a port from 1 to 65535", "Set genesys.oauth.proxy.port");
		assertStartUpFailure(
				runner(ForwardProxy.start(), "genesys.oauth.proxy.host=http://corp-user:corp@pass/word@proxy:3128"),
				"genesys.oauth.proxy.host", "'http://******@proxy:3128' holds credentials",
				"the credentials in genesys.oauth.proxy.username and genesys.oauth.proxy.password");
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.orgs.acme.client-id=a",
				"genesys.oauth.orgs.acme.client-secret=s", "genesys.oauth.orgs.acme.proxy.non-proxy-hosts=corp.example"),
				"genesys.oauth.orgs.acme.proxy.non-proxy-hosts",
				"genesys.oauth.orgs.acme.proxy.non-proxy-hosts is set, but genesys.oauth.orgs.acme.proxy.host is not",
				"Set genesys.oauth.orgs.acme.proxy.host");
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.login.proxy.port=3128"),
				"genesys.oauth.login.proxy.port", "genesys.oauth.login.proxy.host is not",
				"Set genesys.oauth.login.proxy.host");
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.proxy.non-proxy-hosts=10.0.0.0/8"),
				"genesys.oauth.proxy.non-proxy-hosts", "'10.0.0.0/8', which is neither a host nor a pattern",
				"ranges and other wildcards are not supported");
		// JDK's HttpClient cannot send proxy credentials for the Genesys clients; Reactor Netty can (tested above)
		for (String connector : new String[] { "spring.http.clients.imperative.factory",
				"spring.http.clients.reactive.connector" }) {
			assertStartUpFailure(runner(ForwardProxy.start(), connector + "=jdk",
					"genesys.oauth.proxy.username=corp-user", "genesys.oauth.proxy.password=corp-password"),
					"genesys.oauth.proxy.username", "cannot send proxy credentials for them",
					"Set " + connector + " to reactor");
		}
	}

	@Test
	void anSslBundleThatDoesNotExistFailsStartUpNamingIt() {
		assertStartUpFailure(runner(ForwardProxy.start(), "genesys.oauth.ssl.bundle=corporate-ca"),
				"genesys.oauth.ssl.bundle", "genesys.oauth.ssl.bundle 'corporate-ca' names no SSL bundle",
				"Define it with spring.ssl.bundle.pem.corporate-ca.* or spring.ssl.bundle.jks.corporate-ca.*");
	}

	private static void assertStartUpFailure(ApplicationContextRunner runner, String property, String problem,
			String action) {
		runner.run((context) -> {
			assertThat(context).hasFailed();
			Throwable root = catchThrowable(() -> {
				throw context.getStartupFailure();
			});
			while (root.getCause() != null && !(root instanceof GenesysPropertyException)) {
				root = root.getCause();
			}
			assertThat(root).isInstanceOfSatisfying(GenesysPropertyException.class, (ex) -> {
				assertThat(ex.getName()).isEqualTo(property);
				assertThat(ex.getProblem()).contains(problem);
				assertThat(ex.getAction()).contains(action);
				assertThat(ex.getMessage()).doesNotContain("corp-password");
			});
		});
	}

	// the proxy relayed the token request and the API call: as plain requests a proxy can read, or as tunnels
	private void assertThroughTheProxy(String client) {
		List<ForwardProxy.Relayed> relayed = this.proxy.relayedRequests();
		assertThat(relayed).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.target()).isEqualTo("127.0.0.1:" + hidden));
		if (client.equals("jdk")) {
			assertThat(relayed).extracting(ForwardProxy.Relayed::path).contains("/oauth/token", ME);
		}
		else {
			assertThat(relayed).extracting(ForwardProxy.Relayed::method).containsOnly("CONNECT");
		}
	}

	@HttpExchange
	interface Organizations {

		@GetExchange(ME)
		String me();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genesys", types = Organizations.class)
	static class OrganizationGroup {

	}

	@HttpExchange
	interface AcmeOrganizations {

		@GetExchange(ME)
		String me();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genesys-acme", types = AcmeOrganizations.class)
	static class AcmeGroup {

	}

}
