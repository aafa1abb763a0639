package io.github.genesysoauth.org;

import java.util.HashMap;
import java.util.Map;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * HTTP interfaces in group {@code genesys-<name>} call org {@code <name>} with its tokens and recovery, whether the
 * group is RestClient- or WebClient-backed, beside group {@code genesys} for the default org.
 */
class GenesysOrgHttpServiceGroupTest {

	private GenesysCloudStandIn genesys;

	private StandInClient acme;

	@BeforeEach
	void standIn() {
		this.genesys = GenesysCloudStandIn.start();
		this.acme = this.genesys.addClient("acme-client", "acme-secret", "Acme Corp");
	}

	@AfterEach
	void stop() {
		this.genesys.close();
	}

	@ParameterizedTest
	@ValueSource(classes = { RestClientBacked.class, WebClientBacked.class })
	void groupGenesysAcmeCallsOrgAcmeAndGroupGenesysTheDefaultOrg(Class<?> application) {
		Map<String, Object> properties = new HashMap<>(this.genesys.properties());
		properties.putAll(this.genesys.orgProperties("acme", this.acme.clientId()));
		try (ConfigurableApplicationContext context = start(application, properties)) {
			AcmeOrganizations acmeOrganizations = context.getBean(AcmeOrganizations.class);
			DefaultOrganizations defaultOrganizations = context.getBean(DefaultOrganizations.class);

			assertThat(acmeOrganizations.me()).contains("Acme Corp");
			this.genesys.failApiRequests(this.acme.clientId(), 1, ApiFault.unauthorized());
			assertThat(acmeOrganizations.me()).contains("Acme Corp");
			assertThat(defaultOrganizations.me()).contains("Stand-in Organization");

			assertThat(this.genesys.tokenRequests(this.acme.clientId())).isEqualTo(2);
			assertThat(this.genesys.apiRequests(this.acme.clientId())).isEqualTo(3);
			assertThat(this.genesys.tokenRequests(this.genesys.clientId())).isOne();
			assertThat(this.genesys.apiRequests(this.genesys.clientId())).isOne();
		}
	}

	@Test
	void aGroupOfAnOrgRegisteredAtRunTimeNeedsItsBaseUrlAndThenFollowsTheRegistration() {
		Map<String, Object> properties = new HashMap<>(this.genesys.properties());
		assertThat(catchThrowable(() -> start(RestClientBacked.class, properties)).getCause())
			.hasMessageContaining("HTTP service group 'genesys-acme' calls Genesys org 'acme', which is not known at "
					+ "start-up");

		properties.put("spring.http.serviceclient.genesys-acme.base-url", this.genesys.apiBaseUrl().toString());
		try (ConfigurableApplicationContext context = start(RestClientBacked.class, properties)) {
			AcmeOrganizations acmeOrganizations = context.getBean(AcmeOrganizations.class);
			assertThat(catchThrowable(acmeOrganizations::me)).isInstanceOf(UnknownGenesysOrgException.class);

			context.getBean(GenesysOrgs.class)
				.register("acme", GenesysOrgSettings.builder()
					.clientId(this.acme.clientId())
					.clientSecret(this.acme.clientSecret())
					.tokenUri(this.genesys.tokenUri())
					.apiBaseUrl(this.genesys.apiBaseUrl())
					.build());

			assertThat(acmeOrganizations.me()).contains("Acme Corp");
			assertThat(this.genesys.tokenRequests(this.acme.clientId())).isOne();
		}
	}

	private static ConfigurableApplicationContext start(Class<?> application, Map<String, Object> properties) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setDefaultProperties(properties);
		return app.run();
	}

	@HttpExchange("/api/v2")
	interface DefaultOrganizations {

		@GetExchange("/organizations/me")
		String me();

	}

	@HttpExchange("/api/v2")
	interface AcmeOrganizations {

		@GetExchange("/organizations/me")
		String me();

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "genesys", types = DefaultOrganizations.class)
	@ImportHttpServices(group = "genesys-acme", types = AcmeOrganizations.class)
	static class RestClientBacked {

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@ImportHttpServices(group = "genesys", types = DefaultOrganizations.class, clientType = ClientType.WEB_CLIENT)
	@ImportHttpServices(group = "genesys-acme", types = AcmeOrganizations.class, clientType = ClientType.WEB_CLIENT)
	static class WebClientBacked {

	}

}
