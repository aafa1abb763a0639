package io.github.genesysoauth.starter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarFile;

import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.RestClientTokenResponseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application gets from the starter alone: an authorized {@code genesysRestClient} whose tokens travel over
 * RestClient too, and neither anything that serves HTTP nor a reactive HTTP stack (WebFlux, Reactor Netty, Netty).
 */
class StarterClasspathTest {

	/** Where the build copies the jars of the modules below, off the test classpath (see this module's pom). */
	private static final String GUARDED_MODULES = "genesys-oauth.guarded-modules";

	@Test
	void bringsNoWebServer() {
		assertThat(WebApplicationType.deduce()).isEqualTo(WebApplicationType.NONE);
	}

	// A class that is absent proves nothing unless it exists: each name is first found in its module's jar, so
	// that a misspelt name, or one that Spring Boot has moved (org.springframework.boot.actuate.health.HealthIndicator
	// was once checked here, and Boot 4 has no such class), fails the test instead of passing it for good.
	@ParameterizedTest(name = "{0}")
	@CsvSource({
			// a web server, which would start on the application's port
			"spring-boot-web-server, org.springframework.boot.web.server.WebServer",
			// Boot's security auto-configuration, which would lock down the application's own endpoints
			"spring-boot-security, org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			// Actuator, Boot's health and Micrometer stay the application's choice; these are the classes that
			// switch on the starter's sanitizing, health and metrics auto-configurations
			"spring-boot-actuator, org.springframework.boot.actuate.endpoint.SanitizingFunction",
			"spring-boot-health, org.springframework.boot.health.contributor.ReactiveHealthIndicator",
			"micrometer-core, io.micrometer.core.instrument.MeterRegistry",
			// the reactive HTTP stack: a servlet or batch application that uses genesysRestClient needs none of it;
			// reactive applications bring it themselves, and then get genesysWebClient too
			"spring-webflux, org.springframework.web.reactive.function.client.WebClient",
			"reactor-netty-http, reactor.netty.http.client.HttpClient",
			"netty-transport, io.netty.channel.Channel",
			// Genesys's Java SDK and its heavy dependencies stay the application's choice; with it, genesysApiClient
			"platform-client-v2, com.mypurecloud.sdk.v2.ApiClient" })
	void bringsNo(String module, String className) throws IOException {
		assertThat(jarOf(module)).as("the jar of %s", module).isRegularFile();
		try (JarFile jar = new JarFile(jarOf(module).toFile())) {
			assertThat(jar.getJarEntry(className.replace('.', '/') + ".class")).as("%s in %s", className, module)
				.isNotNull();
		}

		assertThat(ClassUtils.isPresent(className, getClass().getClassLoader()))
			.as("%s (from %s) on the starter's classpath", className, module)
			.isFalse();
	}

	@Test
	void aPlainApplicationWithTheStarterCallsGenesys() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
			SpringApplication application = new SpringApplication(PlainApplication.class);
			application.setDefaultProperties(Map.copyOf(genesys.properties()));
			try (ConfigurableApplicationContext context = application.run()) {
				String organization = context.getBean(RestClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.body(String.class);

				assertThat(organization).contains("\"name\":\"Stand-in Organization\"");
				assertThat(genesys.tokenRequests()).isEqualTo(1);
				assertThat(context.getBean("genesysTokenResponseClient", GenesysTokenResponseClient.class).blockingClient())
					.isInstanceOf(RestClientTokenResponseClient.class);
				assertThat(context.containsBean("genesysWebClient")).isFalse();
				assertThat(context.containsBean("genesysApiClient")).isFalse();
			}
		}
	}

	@Test
	void aNamedOrgAloneServesAPlainApplicationWithoutWebFluxOrTheSdk() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
			StandInClient acme = genesys.addClient("acme-client", "acme-secret", "Acme Corp");
			SpringApplication application = new SpringApplication(PlainApplication.class);
			application.setDefaultProperties(Map.copyOf(genesys.orgProperties("acme", acme.clientId())));
			try (ConfigurableApplicationContext context = application.run()) {
				GenesysOrg org = context.getBean(GenesysOrgs.class).org("acme");

				assertThat(org.restClient().get().uri("/api/v2/organizations/me").retrieve().body(String.class))
					.contains("\"name\":\"Acme Corp\"");
				assertThat(genesys.tokenRequests(acme.clientId())).isOne();
			}
		}
	}

	private static Path jarOf(String module) {
		String directory = System.getProperty(GUARDED_MODULES);
		assertThat(directory).as("system property %s, set by this module's pom: run the test with Maven",
				GUARDED_MODULES)
			.isNotNull();
		return Path.of(directory, module + ".jar");
	}

	@SpringBootApplication
	static class PlainApplication {

	}

}
