package io.github.genesysoauth.it;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter in a Spring Boot application loaded by the Spring TestContext framework, against Spring Authorization
 * Server and a resource server that checks the JWTs' signatures. The build runs it twice: in the test phase, and in
 * the surefire execution {@code aot} with {@code -Dspring.aot.enabled=true}, where the application runs from the
 * bean definitions that {@code spring-boot:process-test-aot} generated at build time instead of evaluating the
 * starter's auto-configurations.
 */
@SpringBootTest(classes = SpringBootApplicationTest.ClientApplication.class,
		webEnvironment = SpringBootTest.WebEnvironment.NONE,
		properties = { "genesys.oauth.client-id=" + SpringAuthorizationServerTest.CLIENT_ID,
				"genesys.oauth.client-secret=" + SpringAuthorizationServerTest.CLIENT_SECRET })
class SpringBootApplicationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static ConfigurableApplicationContext authorizationServer;

	private static ConfigurableApplicationContext resourceServer;

	@Autowired
	private GenericApplicationContext context;

	@Autowired
	@Qualifier("genesysRestClient")
	private RestClient genesysRestClient;

	@Autowired
	@Qualifier("genesysWebClient")
	private WebClient genesysWebClient;

	@BeforeAll
	static void startServers() {
		SpringAuthorizationServerTest.tokenRequests.set(0);
		authorizationServer = ItApplications.start(SpringAuthorizationServerTest.AuthorizationServer.class,
				WebApplicationType.SERVLET, Map.of());
		resourceServer = ItResourceServer.start(ItApplications.baseUrl(authorizationServer) + "/oauth2/jwks");
	}

	@AfterAll
	static void stopServers() {
		resourceServer.close();
		authorizationServer.close();
	}

	// read when the application starts; the build-time AOT processing of this context starts no servers
	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		registry.add("genesys.oauth.token-uri", () -> baseUrl(authorizationServer) + "/oauth2/token");
		registry.add("genesys.oauth.api-base-url", () -> baseUrl(resourceServer));
	}

	private static String baseUrl(ConfigurableApplicationContext server) {
		return (server != null) ? ItApplications.baseUrl(server) : "http://127.0.0.1:9";
	}

	@BeforeEach
	void resetCounters() {
		ItResourceServer.resetCounters();
	}

	@Test
	void runsInTheModeTheBuildAskedFor() {
		boolean aot = Boolean.getBoolean("genesys.it.expect-aot");
		assertThat(AotDetector.useGeneratedArtifacts()).isEqualTo(aot);
		// from generated bean definitions, no configuration class is parsed: no ConfigurationClassPostProcessor
		assertThat(this.context.containsBeanDefinition(AnnotationConfigUtils.CONFIGURATION_ANNOTATION_PROCESSOR_BEAN_NAME))
			.as("configuration classes processed at run time").isEqualTo(!aot);
	}

	@Test
	void blockingAndReactiveClientsShareOneJwt() {
		String blocking = this.genesysRestClient.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.body(String.class);
		String reactive = this.genesysWebClient.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);

		assertThat(blocking).contains(ItResourceServer.ORGANIZATION_NAME);
		assertThat(reactive).contains(ItResourceServer.ORGANIZATION_NAME);
		assertThat(ItResourceServer.requests).hasValue(2);
		assertThat(ItResourceServer.unauthorized).hasValue(0);
		// the only test here that calls: one token since this class started the authorization server
		assertThat(SpringAuthorizationServerTest.tokenRequests).hasValue(1);
	}

	/** An application using the starter, with the auto-configurations of everything on this module's classpath. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientApplication {

	}

}
