package io.github.genesysoauth.it;

import java.time.Duration;
import java.util.Set;

import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthOrgsAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthWebClientAutoConfiguration;
import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The starter against the official WireMock image, loaded with static mappings in Genesys's shapes (the stand-in's
 * credentials and bodies, without its token logic). The same behaviours are proven without Docker against the
 * stand-in itself. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class WireMockContainerTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Container
	static final GenericContainer<?> wiremock = new GenericContainer<>(DockerImageName.parse("wiremock/wiremock:3.13.2"))
		.withCopyFileToContainer(MountableFile.forClasspathResource("wiremock/mappings"), "/home/wiremock/mappings")
		.withExposedPorts(8080)
		.waitingFor(Wait.forHttp("/__admin/mappings").forStatusCode(200));

	private final WebClient admin = WebClient.create(baseUrl() + "/__admin");

	@BeforeEach
	void resetRequestLog() {
		this.admin.delete().uri("/requests").retrieve().toBodilessEntity().block(WAIT);
	}

	@Test
	void firstCallsShareOneTokenAndLaterCallsReuseIt() throws Exception {
		client(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET).run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);

			Set<String> answers = ConcurrentCallers.call(32, () -> organization(genesys));
			for (int call = 0; call < 10; call++) {
				organization(genesys);
			}

			assertThat(answers).singleElement().asString().contains("Container Organization");
			assertThat(tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void wrongSecretIsRefusedOnceForManyCalls() {
		client("wrong-secret").run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);
			for (int call = 0; call < 20; call++) {
				GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
						() -> organization(genesys));
				assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
				assertThat(failure.getDescription()).isEqualTo("authentication failed");
			}

			assertThat(tokenRequests()).isEqualTo(1);
		});
	}

	private ApplicationContextRunner client(String secret) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					GenesysOAuthAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class,
					GenesysOAuthOrgsAutoConfiguration.class))
			.withPropertyValues("genesys.oauth.client-id=" + GenesysCloudStandIn.DEFAULT_CLIENT_ID,
					"genesys.oauth.client-secret=" + secret, "genesys.oauth.token-uri=" + baseUrl() + "/oauth/token",
					"genesys.oauth.api-base-url=" + baseUrl());
	}

	private int tokenRequests() {
		String count = this.admin.post()
			.uri("/requests/count")
			.bodyValue("{\"method\":\"POST\",\"url\":\"/oauth/token\"}")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);
		return Integer.parseInt(count.replaceAll("\\D", ""));
	}

	private static String baseUrl() {
		return "http://127.0.0.1:" + wiremock.getMappedPort(8080);
	}

	private static String organization(WebClient genesys) {
		return genesys.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
	}

}
