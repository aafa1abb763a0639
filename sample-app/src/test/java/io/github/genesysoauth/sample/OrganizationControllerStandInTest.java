package io.github.genesysoauth.sample;

import java.time.Duration;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.spring.AutoConfigureGenesysCloudStandIn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How an application tests its Genesys integration: {@code @AutoConfigureGenesysCloudStandIn} points the starter at
 * a stand-in that the test can make fail as Genesys Cloud does.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureGenesysCloudStandIn
class OrganizationControllerStandInTest {

	@LocalServerPort
	private int port;

	private RestTestClient http;

	@Autowired
	private GenesysCloudStandIn genesys;

	@BeforeEach
	void bindToTheSample() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void servesTheOrganizationThroughARevokedTokenAndARateLimit() {
		getOrganization();
		this.genesys.revokeAllTokens();
		this.genesys.failApiRequests(1, ApiFault.rateLimited(Duration.ZERO));

		getOrganization();

		assertThat(this.genesys.tokenRequests()).as("one token, then one after the revocation").isEqualTo(2);
		assertThat(this.genesys.apiRequests()).as("1 + 429 + 401 + served").isEqualTo(4);
	}

	@Test
	void answersAServerErrorWhenGenesysRefusesTheSecret() {
		this.genesys.setClientSecret("rotated-in-genesys");
		this.genesys.revokeAllTokens();

		this.http.get().uri("/organization").exchange().expectStatus().is5xxServerError();
		this.http.get()
			.uri("/actuator/health/genesys/default")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody()
			.jsonPath("$.details.error")
			.isEqualTo("invalid_client");
		this.genesys.setClientSecret(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET);
	}

	private void getOrganization() {
		this.http.get()
			.uri("/organization")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.name")
			.isEqualTo("Stand-in Organization");
	}

}
