package io.github.genesysoauth.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import io.github.genesysoauth.token.GenesysTokenState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.annotation.RegisteredOAuth2AuthorizedClient;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The starter is no candidate for the application's own wiring (issue 18, item 1 and 2), with Spring Security's and
 * Boot's default wiring: no {@code OAuth2AuthorizedClientManager} is declared here, Spring Security builds its own,
 * looking up token response clients by type. The application's other providers get their tokens exactly as without
 * the starter, and an application's {@code Clock} bean never drives the starter's pauses.
 */
class TheApplicationsOwnWiringTest {

	// Spring Security form-encodes Basic credentials by default (RFC 6749 2.3.1)
	private static final String SECRET = "other+secret/=";

	private static final String BASIC = "Basic " + Base64.getEncoder()
		.encodeToString(("basic-client:" + "other%2Bsecret%2F%3D").getBytes(StandardCharsets.UTF_8));

	private GenesysCloudStandIn genesys;

	private WireMockServer providers;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.start();
		this.providers = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		this.providers.start();
		// each answers only what Spring Security sends by default, and refuses anything else
		this.providers.stubFor(post(urlPathEqualTo("/basic/token")).atPriority(5)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		this.providers.stubFor(post(urlPathEqualTo("/basic/token")).atPriority(1)
			.withHeader("Authorization", equalTo(BASIC))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"basic-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
		this.providers.stubFor(post(urlPathEqualTo("/post/token")).atPriority(5)
			.willReturn(aResponse().withStatus(401)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":\"invalid_client\"}")));
		// a spec-valid answer without expires_in (RFC 6749 5.1: RECOMMENDED, not required)
		this.providers.stubFor(post(urlPathEqualTo("/post/token")).atPriority(1)
			.withRequestBody(containing("client_id=post-client"))
			.withRequestBody(containing("client_secret=other%2Bsecret%2F%3D"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json")
				.withBody("{\"access_token\":\"post-token\",\"token_type\":\"Bearer\"}")));
	}

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.providers.stop();
		this.genesys.close();
	}

	@Test
	void theApplicationsOtherProvidersGetTheirTokensAsWithoutTheStarter() throws Exception {
		this.context = start(ApplicationWithOtherProviders.class, WebApplicationType.REACTIVE);
		int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();

		assertThat(get(port, "/basic")).isEqualTo("200 basic-token");
		assertThat(get(port, "/post")).isEqualTo("200 post-token");
		assertThat(this.providers.findAll(postRequestedFor(urlPathEqualTo("/basic/token")))).hasSize(1);
		assertThat(this.providers.findAll(postRequestedFor(urlPathEqualTo("/post/token")))).hasSize(1);
		// and Genesys still works beside them, through its own client only
		assertThat(this.context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class)
			.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.body(String.class)).contains("Stand-in Organization");
		assertThat(this.genesys.tokenRequests()).isOne();
	}

	@Test
	void anApplicationsFixedClockLeavesTheStartersPausesOnRealTime() {
		this.context = start(ApplicationWithAFixedClock.class, WebApplicationType.NONE);
		this.genesys.failTokenRequests(100, TokenFault.status(503));
		RestClient client = this.context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class);

		Instant before = Instant.now();
		catchThrowableOfType(GenesysAuthenticationException.class,
				() -> client.get().uri("/api/v2/organizations/me").retrieve().body(String.class));
		GenesysTokenState state = this.context
			.getBean(GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN, GenesysAccessTokens.class)
			.state();

		// a pause measured on the application's frozen clock (year 2001) would never end
		assertThat(state.lastFailureAt()).isBetween(before, Instant.now());
		assertThat(state.pausedUntil()).isAfter(before).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
		assertThat(this.context.getBeansOfType(Clock.class)).containsOnlyKeys("businessClock");
	}

	private ConfigurableApplicationContext start(Class<?> application, WebApplicationType type) {
		Map<String, Object> properties = new HashMap<>(this.genesys.properties());
		properties.put("server.port", "0");
		registration(properties, "basic", "client_secret_basic");
		registration(properties, "post", "client_secret_post");
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(type);
		app.setDefaultProperties(properties);
		return app.run();
	}

	private void registration(Map<String, Object> properties, String id, String method) {
		String prefix = "spring.security.oauth2.client.registration." + id + ".";
		properties.put(prefix + "client-id", id + "-client");
		properties.put(prefix + "client-secret", SECRET);
		properties.put(prefix + "client-authentication-method", method);
		properties.put(prefix + "authorization-grant-type", "client_credentials");
		properties.put(prefix + "provider", id);
		properties.put("spring.security.oauth2.client.provider." + id + ".token-uri",
				this.providers.baseUrl() + "/" + id + "/token");
	}

	private static String get(int port, String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
				.timeout(Duration.ofSeconds(30))
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode() + " " + response.body();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	static class ApplicationWithOtherProviders {

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.oauth2Client((client) -> {
				})
				.build();
		}

		@Bean
		TokensController tokensController() {
			return new TokensController();
		}

	}

	@RestController
	static class TokensController {

		@GetMapping("/basic")
		Mono<String> basic(@RegisteredOAuth2AuthorizedClient("basic") OAuth2AuthorizedClient client) {
			return Mono.just(client.getAccessToken().getTokenValue());
		}

		@GetMapping("/post")
		Mono<String> post(@RegisteredOAuth2AuthorizedClient("post") OAuth2AuthorizedClient client) {
			return Mono.just(client.getAccessToken().getTokenValue());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ApplicationWithAFixedClock {

		@Bean
		Clock businessClock() {
			return Clock.fixed(Instant.parse("2001-01-01T00:00:00Z"), ZoneOffset.UTC);
		}

	}

}
