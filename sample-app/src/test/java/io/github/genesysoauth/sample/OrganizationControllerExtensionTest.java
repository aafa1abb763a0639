package io.github.genesysoauth.sample;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same kind of test with the plain JUnit extension, for tests that manage the stand-in themselves: it starts
 * with the class, and {@code @DynamicPropertySource} points the starter at it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OrganizationControllerExtensionTest {

	@RegisterExtension
	static GenesysCloudStandInExtension genesys = GenesysCloudStandInExtension
		.configured((standIn) -> standIn.organizationName("Extension Test Org"));

	@DynamicPropertySource
	static void genesysProperties(DynamicPropertyRegistry registry) {
		genesys.standIn().properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Autowired
	private WebTestClient http;

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
