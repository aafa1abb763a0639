package io.github.genesysoauth.it;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthOrgsAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthWebClientAutoConfiguration;
import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;
import org.threeten.extra.MutableClock;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The starter against Keycloak in a container, issuing client-credentials JWTs that the resource server checks
 * against Keycloak's keys: the same scenarios as {@link SpringAuthorizationServerTest}, which proves each of them
 * without Docker. Skipped where no Docker engine runs; run by the GitHub workflow, where one does.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static final String REALM = "/realms/genesys";

	@Container
	static final GenericContainer<?> keycloak = new GenericContainer<>(
			DockerImageName.parse("quay.io/keycloak/keycloak:26.0.7"))
		.withCommand("start-dev", "--import-realm")
		.withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin")
		.withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
		.withCopyFileToContainer(MountableFile.forClasspathResource("keycloak/genesys-realm.json"),
				"/opt/keycloak/data/import/genesys-realm.json")
		.withExposedPorts(8080)
		.waitingFor(Wait.forHttp(REALM + "/.well-known/openid-configuration")
			.forStatusCode(200)
			.withStartupTimeout(Duration.ofMinutes(3)));

	private static ConfigurableApplicationContext resourceServer;

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

	@BeforeAll
	static void startResourceServer() {
		resourceServer = ItResourceServer.start(keycloakUrl() + REALM + "/protocol/openid-connect/certs");
	}

	@AfterAll
	static void stopResourceServer() {
		if (resourceServer != null) {
			resourceServer.close();
		}
	}

	@BeforeEach
	void resetCounters() {
		ItResourceServer.resetCounters();
	}

	@Test
	void firstCallObtainsAJwtAndLaterCallsReuseIt() {
		client("genesys-it-secret").run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);
			GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
			Set<String> tokensUsed = new HashSet<>();
			for (int call = 0; call < 10; call++) {
				assertThat(organization(genesys)).contains(ItResourceServer.ORGANIZATION_NAME);
				tokensUsed.add(tokens.accessToken().block(WAIT).getTokenValue());
			}

			assertThat(tokensUsed).hasSize(1);
			assertThat(ItResourceServer.requests).hasValue(10);
			assertThat(ItResourceServer.unauthorized).hasValue(0);
		});
	}

	@Test
	void concurrentFirstCallersShareOneTokenAndRenewOncePerLifetime() throws Exception {
		client("genesys-it-secret").run((context) -> {
			GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
			Set<String> issued = new HashSet<>();
			int renewals = 3;
			for (int round = 0; round <= renewals; round++) {
				if (round > 0) {
					// Keycloak's 300-second tokens are renewed 60 s before they expire, in the background: the
					// caller that finds it due gets the token it holds, and the next callers the renewed one
					this.clock.add(Duration.ofSeconds(240));
					tokens.accessToken().block(WAIT);
					Renewals.awaitFreshToken(tokens);
				}
				Set<String> seen = ConcurrentCallers.call(32, () -> tokens.accessToken().block(WAIT).getTokenValue());
				assertThat(seen).hasSize(1);
				issued.addAll(seen);
			}

			assertThat(issued).hasSize(renewals + 1);
		});
	}

	@Test
	void wrongSecretIsRefusedWithKeycloaksError() {
		client("not-the-secret").run((context) -> {
			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> organization(context.getBean("genesysWebClient", WebClient.class)));

			// Keycloak says unauthorized_client where Genesys says invalid_client; both are refusals
			assertThat(failure.getErrorCode()).isIn("invalid_client", "unauthorized_client");
			assertThat(failure.getHttpStatus()).isEqualTo(401);
			assertThat(failure.getMessage()).doesNotContain("not-the-secret");
			assertThat(ItResourceServer.requests).hasValue(0);
		});
	}

	private ApplicationContextRunner client(String secret) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					GenesysOAuthAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class,
					GenesysOAuthOrgsAutoConfiguration.class))
			.withBean("genesysClock", Clock.class, () -> this.clock)
			.withPropertyValues("genesys.oauth.client-id=genesys-it-client", "genesys.oauth.client-secret=" + secret,
					"genesys.oauth.token-uri=" + keycloakUrl() + REALM + "/protocol/openid-connect/token",
					"genesys.oauth.api-base-url=" + ItApplications.baseUrl(resourceServer));
	}

	private static String keycloakUrl() {
		// Docker publishes on the loopback interface here; the starter accepts http:// only for loopback hosts
		return "http://127.0.0.1:" + keycloak.getMappedPort(8080);
	}

	private static String organization(WebClient genesys) {
		return genesys.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
	}

}
