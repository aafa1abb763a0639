package io.github.genesysoauth.sample;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same kind of test with the plain JUnit extension, for tests that manage the stand-in themselves: it starts
 * with the class, and {@code @DynamicPropertySource} points the starter at it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OrganizationControllerExtensionTest {

	@RegisterExtension
	static GenesysCloudStandInExtension genesys = GenesysCloudStandInExtension
		.configured((standIn) -> standIn.organizationName("Extension Test Org"));

	@DynamicPropertySource
	static void genesysProperties(DynamicPropertyRegistry registry) {
		genesys.standIn().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@LocalServerPort
	private int port;

	private RestTestClient http;

	@BeforeEach
	void bindToTheSample() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void retriesAnIdempotentCallThatMeetsA503(GenesysCloudStandIn standIn) {
		standIn.failApiRequests(1, ApiFault.status(503));

		this.http.get()
			.uri("/organization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Extension Test Org");
		assertThat(standIn.apiRequests()).isEqualTo(2);
	}

}
