package io.github.genesysoauth.client;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthSdkAutoConfiguration;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A redirect never carries the token off the Platform API's origin (issue 20, item 5): for every client style and
 * every HTTP client Boot can choose, a 301/302/303/307/308 to another port on loopback reaches that server without
 * {@code Authorization}, and a redirect within the API's origin is followed with the token.
 * The same holds for the HTTP service group {@code genesys}, whose transport Boot builds from the group's own settings,
 * and for the clients of a named and a run-time org. {@code spring.http.clients.redirects=dont-follow} gives the
 * caller the redirect itself.
 */
class RedirectsKeepTheTokenHomeTest {

	private static final String ORG_JSON = "{\"id\":\"org-1\",\"name\":\"elsewhere\",\"state\":\"active\"}";

	// started once for the class: stubs added by a test are removed and counters zeroed after it
	private static GenesysCloudStandIn genesys;

	private static WireMockServer foreign;

	private static StandInClient acme;

	private final List<StubMapping> redirects = new ArrayList<>();

	private final List<StubMapping> foreignStubs = new ArrayList<>();

	@BeforeAll
	static void start() {
		genesys = GenesysCloudStandIn.start();
		acme = genesys.addClient("acme-client", "acme-secret", "Acme Corp");
		foreign = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		foreign.start();
		foreign.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(ORG_JSON)));
	}

	@AfterAll
	static void stop() {
		foreign.stop();
		genesys.close();
	}

	@AfterEach
	void reset() {
		this.redirects.forEach(genesys.wireMock()::removeStub);
		this.foreignStubs.forEach(foreign::removeStub);
		genesys.resetCounters();
		foreign.resetRequests();
	}

	private ApplicationContextRunner runner(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(GenesysAutoConfigurations.everyClient())
			.withPropertyValues(genesys.propertyValues())
			.withPropertyValues(properties);
	}

	// every redirect status through the JDK clients, which copy every header to wherever Location points; 302 and
	// 307 through the others
	static Stream<Arguments> clients() {
		return Stream.of(Client.values())
			.flatMap((client) -> (client.name().endsWith("_JDK") ? Stream.of(301, 302, 303, 307, 308)
					: Stream.of(302, 307))
				.map((status) -> Arguments.of(client, status)));
	}

	@ParameterizedTest(name = "{0}, {1}")
	@MethodSource("clients")
	void aRedirectToAnotherOriginArrivesWithoutTheToken(Client client, int status) {
		redirectAway("/api/v2/away", status);
		this.runner(client.properties).run((context) -> {
			ResponseEntity<String> response = client.call(context, HttpMethod.POST, "/api/v2/away", "{\"a\":1}");

			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getBody()).isEqualTo(ORG_JSON);
			List<LoggedRequest> arrived = foreign.findAll(anyRequestedFor(anyUrl()));
			assertThat(arrived).singleElement().satisfies((request) -> {
				assertThat(request.getHeader("Authorization")).as("Authorization off the API's origin").isNull();
				assertThat(request.getHeader("Cookie")).as("the application's cookie off its origin").isNull();
				assertThat(request.getUrl()).isEqualTo("/elsewhere?sig=1");
				if (status == 307 || status == 308) {
					assertThat(request.getMethod().getName()).isEqualTo("POST");
					assertThat(request.getBodyAsString()).isEqualTo("{\"a\":1}");
				}
				else {
					assertThat(request.getMethod().getName()).isEqualTo("GET");
				}
			});
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sdkRedirects")
	void theSdkFollowsARedirectToAnotherOriginWithoutTheToken(int status) {
		stub(get(urlPathEqualTo("/api/v2/organizations/me")).atPriority(1)
				.willReturn(aResponse().withStatus(status)
					.withHeader("Location", foreign.baseUrl() + "/elsewhere?sig=1")));
		this.runner("spring.http.clients.imperative.factory=jdk").run((context) -> {
			ApiClient apiClient = context.getBean(GenesysOAuthSdkAutoConfiguration.API_CLIENT_BEAN, ApiClient.class);

			assertThat(new OrganizationApi(apiClient).getOrganizationsMe().getName()).isEqualTo("elsewhere");
			assertThat(foreign.findAll(anyRequestedFor(anyUrl()))).singleElement()
				.satisfies((request) -> assertThat(request.getHeader("Authorization")).isNull());
		});
	}

	static Stream<Integer> sdkRedirects() {
		return Stream.of(302, 307);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("styles")
	void aRedirectWithinTheApiOriginKeepsTheToken(Client client) {
		stub(any(urlPathEqualTo("/api/v2/home"))
				.willReturn(aResponse().withStatus(307).withHeader("Location", "/api/v2/organizations/me")));
		this.runner(client.properties).run((context) -> {
			ResponseEntity<String> response = client.call(context, HttpMethod.GET, "/api/v2/home", null);

			assertThat(response.getStatusCode().value()).isEqualTo(200);
			assertThat(response.getBody()).contains("\"id\"");
			assertThat(genesys.apiRequestLog()).extracting(LoggedRequest::getUrl)
				.containsExactly("/api/v2/home", "/api/v2/organizations/me");
			assertThat(genesys.apiRequestLog())
				.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).startsWith("Bearer "));
			assertThat(foreign.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	static Stream<Client> styles() {
		return Stream.of(Client.values());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("styles")
	void aHopBackToTheApiAfterLeavingItGetsNoToken(Client client) {
		redirectAway("/api/v2/away", 302);
		// the foreign server sends the request back to the API: it must not get the token sent where it points
		this.foreignStubs.add(foreign.stubFor(any(urlPathEqualTo("/elsewhere")).atPriority(1)
			.willReturn(aResponse().withStatus(307)
				.withHeader("Location", genesys.apiBaseUrl() + "/api/v2/organizations/me"))));
		this.runner(client.properties).run((context) -> {
			ResponseEntity<String> response = client.call(context, HttpMethod.GET, "/api/v2/away", null);

			assertThat(response.getStatusCode().value()).isEqualTo(401);
			assertThat(genesys.apiRequestLog()).extracting(LoggedRequest::getUrl)
				.containsExactly("/api/v2/away", "/api/v2/organizations/me");
			assertThat(genesys.apiRequestLog().get(0).getHeader("Authorization")).startsWith("Bearer ");
			assertThat(genesys.apiRequestLog().get(1).getHeader("Authorization")).isNull();
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "REST_CLIENT_JDK", "WEB_CLIENT_JDK" })
	void dontFollowGivesTheCallerTheRedirect(Client client) {
		redirectAway("/api/v2/away", 302);
		this.runner(client.properties).withPropertyValues("spring.http.clients.redirects=dont-follow").run((context) -> {
			ResponseEntity<String> response = client.call(context, HttpMethod.GET, "/api/v2/away", null);

			assertThat(response.getStatusCode().value()).isEqualTo(302);
			assertThat(response.getHeaders().getLocation()).hasPort(foreign.port());
			assertThat(foreign.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		});
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(classes = { RestClientGroup.class, WebClientGroup.class })
	void anHttpServiceGroupFollowsARedirectToAnotherOriginWithoutTheToken(Class<?> group) {
		redirectAway("/api/v2/away", 307);
		// the group's own settings pick the JDK client, which copies every header to wherever Location points
		this.runner("spring.http.serviceclient.genesys.redirects=follow",
				"spring.http.clients.imperative.factory=jdk", "spring.http.clients.reactive.connector=jdk")
			.withUserConfiguration(group)
			.run((context) -> {
				assertThat(context.getBean(Away.class).away("{\"a\":1}")).isEqualTo(ORG_JSON);
				assertThat(foreign.findAll(anyRequestedFor(anyUrl()))).singleElement().satisfies((request) -> {
					assertThat(request.getHeader("Authorization")).isNull();
					assertThat(request.getBodyAsString()).isEqualTo("{\"a\":1}");
				});
				assertThat(genesys.apiRequestLog()).singleElement()
					.satisfies((request) -> assertThat(request.getHeader("Authorization")).startsWith("Bearer "));
			});
	}

	@ParameterizedTest(name = "{0} org, {1}")
	@MethodSource("orgClients")
	void anOrgsClientsFollowARedirectToAnotherOriginWithoutTheToken(String kind, String style) {
		redirectAway("/api/v2/away", 302);
		ApplicationContextRunner runner = this.runner("spring.http.clients.imperative.factory=jdk",
				"spring.http.clients.reactive.connector=jdk");
		if (kind.equals("named")) {
			runner = runner.withPropertyValues(genesys.orgPropertyValues("acme", acme.clientId()));
		}
		runner.run((context) -> {
			GenesysOrgs orgs = context.getBean(GenesysOrgs.class);
			if (kind.equals("run-time")) {
				orgs.register("acme", GenesysOrgSettings.builder()
					.clientId(acme.clientId())
					.clientSecret(acme.clientSecret())
					.tokenUri(genesys.tokenUri())
					.apiBaseUrl(genesys.apiBaseUrl())
					.build());
			}
			GenesysOrg org = orgs.org("acme");
			String body = style.equals("RestClient") ? org.restClient().get().uri("/api/v2/away").retrieve().body(String.class)
					: context.getBean(GenesysOrgWebClients.class).client(org).get().uri("/api/v2/away").retrieve().bodyToMono(String.class).block();

			assertThat(body).isEqualTo(ORG_JSON);
			assertThat(foreign.findAll(anyRequestedFor(anyUrl()))).singleElement()
				.satisfies((request) -> assertThat(request.getHeader("Authorization")).isNull());
			assertThat(genesys.tokenRequests(acme.clientId())).isOne();
		});
	}

	static Stream<Arguments> orgClients() {
		return Stream.of("named", "run-time")
			.flatMap((kind) -> Stream.of("RestClient", "WebClient").map((style) -> Arguments.of(kind, style)));
	}

	@HttpExchange("/api/v2")
	interface Away {

		@PostExchange(url = "/away", contentType = "application/json")
		String away(@RequestBody String body);

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genesys", types = Away.class)
	static class RestClientGroup {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "genesys", types = Away.class, clientType = ClientType.WEB_CLIENT)
	static class WebClientGroup {

	}

	private void stub(MappingBuilder mapping) {
		this.redirects.add(genesys.wireMock().stubFor(mapping));
	}

	private void redirectAway(String path, int status) {
		stub(any(urlPathEqualTo(path))
				.willReturn(aResponse().withStatus(status)
					.withHeader("Location", foreign.baseUrl() + "/elsewhere?sig=1")));
	}

	enum Client {

		REST_CLIENT_JDK("spring.http.clients.imperative.factory=jdk"),

		REST_CLIENT_SIMPLE("spring.http.clients.imperative.factory=simple"),

		REST_CLIENT_REACTOR("spring.http.clients.imperative.factory=reactor"),

		WEB_CLIENT_JDK("spring.http.clients.reactive.connector=jdk"),

		WEB_CLIENT_REACTOR("spring.http.clients.reactive.connector=reactor");

		private final String[] properties;

		Client(String... properties) {
			this.properties = properties;
		}

		ResponseEntity<String> call(AssertableApplicationContext context, HttpMethod method, String path,
				String body) {
			if (name().startsWith("REST_CLIENT")) {
				RestClient client = context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class);
				RestClient.RequestBodySpec request = client.method(method).uri(path).header("Cookie", "session=app");
				if (body != null) {
					request.header("Content-Type", "application/json").body(body);
				}
				return request.retrieve().onStatus((status) -> true, (req, res) -> {
				}).toEntity(String.class);
			}
			WebClient client = context.getBean(GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN, WebClient.class);
			WebClient.RequestBodySpec request = client.method(method).uri(path).cookie("session", "app");
			if (body != null) {
				request.header("Content-Type", "application/json").bodyValue(body);
			}
			return request.exchangeToMono((response) -> response.toEntity(String.class)).block();
		}

	}

}
