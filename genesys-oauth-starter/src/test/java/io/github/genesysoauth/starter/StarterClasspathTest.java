package io.github.genesysoauth.starter;

import java.time.Duration;
import java.util.Map;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/** What an application gets from the starter alone: an authorized WebClient, and nothing that serves HTTP. */
class StarterClasspathTest {

	@Test
	void bringsNoWebServerAndNoSecurityAutoConfiguration() {
		assertThat(WebApplicationType.deduce()).isEqualTo(WebApplicationType.NONE);
		assertThat(ClassUtils.isPresent("org.springframework.boot.web.server.WebServer", null)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				null))
			.isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.boot.actuate.health.HealthIndicator", null)).isFalse();
	}

	@Test
	void aPlainApplicationWithTheStarterCallsGenesys() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
			SpringApplication application = new SpringApplication(PlainApplication.class);
			application.setDefaultProperties(Map.copyOf(genesys.properties()));
			try (ConfigurableApplicationContext context = application.run()) {
				String organization = context.getBean(WebClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(30));

				assertThat(organization).contains("\"name\":\"Stand-in Organization\"");
				assertThat(genesys.tokenRequests()).isEqualTo(1);
			}
		}
	}

	@SpringBootApplication
	static class PlainApplication {

	}

}
