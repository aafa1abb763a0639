package io.github.genesysoauth.org;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.github.genesysoauth.actuate.OpenActuator;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A running application with two orgs of properties, one of them refused, and one org registered at run time, with
 * every logger at TRACE: what the actuator shows per org, and that no org's secret or token appears anywhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class GenesysOrgsActuatorTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private GenesysCloudStandIn genesys;

	private StandInClient acme;

	private StandInClient globex;

	private StandInClient initech;

	private ConfigurableApplicationContext context;

	private WebTestClient actuator;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.start();
		this.acme = this.genesys.addClient("acme-client", "acme-secret-that-must-not-leak", "Acme Corp");
		this.globex = this.genesys.addClient("globex-client", "globex-secret-that-must-not-leak", "Globex");
		this.initech = this.genesys.addClient("initech-client", "initech-secret-that-must-not-leak", "Initech");
		Map<String, Object> properties = new HashMap<>(this.genesys.orgProperties("acme", this.acme.clientId()));
		properties.putAll(this.genesys.orgProperties("globex", this.globex.clientId()));
		// Genesys refuses this one: a secret rotated there and not here
		properties.put("genesys.oauth.orgs.globex.client-secret", "globex-old-secret-that-must-not-leak");
		properties.put("logging.level.root", "TRACE");
		this.context = OpenActuator.start(OrgsApplication.class, properties);
		this.actuator = OpenActuator.client(this.context, WAIT);
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.genesys.close();
	}

	@Test
	void healthHasAnEntryPerOrgOfPropertiesAndCountsRunTimeOrgsWithoutSecrets(CapturedOutput output) {
		GenesysOrgs orgs = this.context.getBean(GenesysOrgs.class);
		me(orgs.org("acme").restClient());
		assertThat(catchThrowable(() -> me(orgs.org("globex").restClient())))
			.isInstanceOf(GenesysAuthenticationException.class)
			.hasMessageStartingWith("Genesys org 'globex': Could not obtain a Genesys Cloud access token for OAuth "
					+ "client 'globex-client'")
			.hasMessageContaining("Check genesys.oauth.orgs.globex.client-id and "
					+ "genesys.oauth.orgs.globex.client-secret");
		orgs.register("initech", GenesysOrgSettings.builder()
			.clientId(this.initech.clientId())
			.clientSecret(this.initech.clientSecret())
			.tokenUri(this.genesys.tokenUri())
			.apiBaseUrl(this.genesys.apiBaseUrl())
			.build());
		me(orgs.org("initech").restClient());

		JsonNode health = json(this.actuator.get().uri("/actuator/health/genesys").exchange().expectStatus()
			.isEqualTo(503));

		assertThat(health.get("status").asString()).isEqualTo("DOWN");
		assertThat(health.get("components").propertyNames()).containsExactly("acme", "globex", "runTimeOrgs");
		JsonNode acmeHealth = health.get("components").get("acme");
		assertThat(acmeHealth.get("status").asString()).isEqualTo("UP");
		assertThat(acmeHealth.get("details").propertyNames()).containsExactlyInAnyOrder("region", "tokenUri",
				"expiresIn");
		JsonNode globexHealth = health.get("components").get("globex");
		assertThat(globexHealth.get("status").asString()).isEqualTo("DOWN");
		assertThat(globexHealth.get("details").get("error").asString()).isEqualTo("invalid_client");
		JsonNode runTime = health.get("components").get("runTimeOrgs");
		assertThat(runTime.get("status").asString()).isEqualTo("UP");
		assertThat(runTime.get("details").get("registered").asInt()).isOne();
		assertThat(runTime.get("details").get("active").asInt()).isOne();
		assertThat(runTime.get("details").get("failing").asInt()).isZero();
		assertThat(health.toString()).doesNotContain("initech");

		String env = body("/actuator/env");
		String configprops = body("/actuator/configprops");
		String prometheus = body("/actuator/prometheus");
		assertThat(prometheus).contains("genesys_oauth_token_expires_in_seconds{client=\"acme-client\",org=\"acme\"}")
			.contains("org=\"initech\"");
		assertThat(env).contains("genesys.oauth.orgs.globex.client-secret");
		for (String everything : new String[] { env, configprops, prometheus, health.toString(), output.toString() }) {
			assertNoSecretOrToken(everything);
		}
	}

	private void assertNoSecretOrToken(String text) {
		for (StandInClient client : new StandInClient[] { this.acme, this.globex, this.initech }) {
			assertThat(text).doesNotContain(client.clientSecret())
				.doesNotContain(Base64.getEncoder()
					.encodeToString((client.clientId() + ":" + client.clientSecret()).getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(text).doesNotContain("globex-old-secret-that-must-not-leak");
		assertThat(this.genesys.issuedTokenValues()).isNotEmpty().allSatisfy((token) -> assertThat(text).doesNotContain(token));
	}

	private String body(String path) {
		return this.actuator.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
			.getResponseBody();
	}

	private static JsonNode json(WebTestClient.ResponseSpec response) {
		return JsonMapper.shared().readTree(response.expectBody(String.class).returnResult().getResponseBody());
	}

	private static String me(RestClient client) {
		return client.get().uri("/api/v2/organizations/me").retrieve().body(String.class);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OrgsApplication {

		// Spring Security is on this module's test classpath; the test reads the actuator without credentials
		@Bean
		SecurityWebFilterChain openActuator(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
				.csrf(ServerHttpSecurity.CsrfSpec::disable)
				.build();
		}

	}

}
