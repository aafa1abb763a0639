package io.github.genesysoauth.sample;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Genesys orgs in one service, as the sample runs them with profile stand-in: the default org and org
 * {@code second}, two OAuth clients of two organizations on the same stand-in. ({@link SampleApplicationTest} calls
 * both orgs in each style and reads their metrics; it shares this context, and so this stand-in.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles(StandInEnvironmentPostProcessor.PROFILE)
class SecondOrgTest {

	private static final String SECOND = "genesys.oauth.orgs.second.";

	@LocalServerPort
	private int port;

	@Autowired
	private Environment environment;

	private RestTestClient http;

	@BeforeEach
	void bindToTheSample() {
		this.http = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
	}

	@Test
	void obtainsOneTokenPerOrgFromEachOrgsOwnClient() {
		for (int i = 0; i < 3; i++) {
			for (String path : new String[] { "/organization", "/orgs/default/organization", "/orgs/second/organization",
					"/orgs/second/organization/interface" }) {
				this.http.get().uri(path).exchange().expectStatus().isOk();
			}
		}

		StandInRequests standIn = new StandInRequests(this.environment);
		assertThat(standIn.tokenRequests(property("genesys.oauth.client-id"), property("genesys.oauth.client-secret")))
			.as("token requests of the default org's client")
			.isEqualTo(1);
		assertThat(standIn.tokenRequests(property(SECOND + "client-id"), property(SECOND + "client-secret")))
			.as("token requests of org second's client")
			.isEqualTo(1);
	}

	@Test
	void reportsTheHealthOfEachOrgAndCountsRunTimeOrgs() {
		byte[] health = this.http.get()
			.uri("/actuator/health/genesys")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("UP")
			.jsonPath("$.components.default.status")
			.isEqualTo("UP")
			.jsonPath("$.components.second.status")
			.isEqualTo("UP")
			.jsonPath("$.components.second.details.tokenUri")
			.isEqualTo(property(SECOND + "token-uri"))
			.jsonPath("$.components.runTimeOrgs.status")
			.isEqualTo("UP")
			.jsonPath("$.components.runTimeOrgs.details.registered")
			.isEqualTo(0)
			.returnResult()
			.getResponseBody();

		assertThat(new String(health, StandardCharsets.UTF_8)).doesNotContain(property(SECOND + "client-secret"));
	}

	@Test
	void answersNotFoundForAnOrgItDoesNotKnow() {
		this.http.get()
			.uri("/orgs/acme/organization")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Unknown Genesys org")
			.jsonPath("$.detail")
			.isEqualTo("This service knows no Genesys org 'acme'.");
	}

	private String property(String name) {
		return this.environment.getRequiredProperty(name);
	}

}
