package io.github.genesysoauth.client;

import java.util.HashMap;
import java.util.Map;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.HttpServiceGroup.ClientType;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HTTP interfaces in the service group {@code genesys} call the default org with its tokens and recovery, backed by
 * a {@code RestClient} or a {@code WebClient}; a group of another name is left alone. The user writes the interface
 * and nothing else.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysHttpServiceGroupTest {

	private static GenesysCloudStandIn genesys;

	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@ParameterizedTest
	@ValueSource(classes = { RestClientBacked.class, WebClientBacked.class })
	void anInterfaceInGroupGenesysCallsTheApiWithATokenAndRecoversA401(Class<?> application) {
		try (ConfigurableApplicationContext context = start(application)) {
			Organizations organizations = context.getBean(Organizations.class);

			assertThat(organizations.me()).contains("Stand-in Organization");
			genesys.failApiRequests(1, ApiFault.unauthorized());
			assertThat(organizations.me()).contains("Stand-in Organization");

			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(genesys.unauthorizedApiRequests()).isEqualTo(1);
			assertThat(genesys.apiRequestLog()).hasSize(3)
				.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).startsWith("Bearer "));
		}
	}

	@Test
	void aGroupOfAnotherNameGetsNoToken() {
		try (ConfigurableApplicationContext context = start(OtherGroup.class,
				"spring.http.serviceclient.other.base-url=" + genesys.apiBaseUrl())) {
			Organizations organizations = context.getBean(Organizations.class);

			Throwable failure = org.assertj.core.api.Assertions.catchThrowable(organizations::me);

			assertThat(failure).hasMessageContaining("401");
			assertThat(genesys.apiRequestLog()).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
			assertThat(genesys.tokenRequests()).isZero();
		}
	}

	@Test
	void anExplicitBaseUrlOfTheGroupWins() {
		String elsewhere = genesys.baseUrl().replace("127.0.0.1", "localhost");
		try (ConfigurableApplicationContext context = start(RestClientBacked.class,
				"spring.http.serviceclient.genesys.base-url=" + elsewhere)) {
			Organizations organizations = context.getBean(Organizations.class);

			Throwable failure = org.assertj.core.api.Assertions.catchThrowable(organizations::me);

			// another origin than the API's: the base URL was taken, and so no token travels there
			assertThat(failure).hasMessageContaining("401");
			assertThat(genesys.apiRequestLog()).singleElement()
				.satisfies((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, String... properties) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> defaults = new HashMap<>(genesys.properties());
		for (String property : properties) {
			String[] pair = property.split("=", 2);
			defaults.put(pair[0], pair[1]);
		}
		app.setDefaultProperties(defaults);
		return app.run();
	}

	@HttpExchange("/api/v2")
	interface Organizations {

		@GetExchange("/organizations/me")
		String me();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "genesys", types = Organizations.class)
	static class RestClientBacked {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "genesys", types = Organizations.class, clientType = ClientType.WEB_CLIENT)
	static class WebClientBacked {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "other", types = Organizations.class)
	static class OtherGroup {

	}

}
