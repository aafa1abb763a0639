package io.github.genesysoauth.test.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenesysCloudStandInExtensionTest {

	@RegisterExtension
	static GenesysCloudStandInExtension genesys = GenesysCloudStandInExtension
		.configured((standIn) -> standIn.tokenLifetime(Duration.ofSeconds(600)).organizationName("Extension Org"));

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@Order(1)
	void startsTheConfiguredStandInAndInjectsIt(GenesysCloudStandIn standIn) throws Exception {
		assertThat(standIn).isSameAs(genesys.standIn());
		standIn.failApiRequests(5, ApiFault.status(503));

		assertThat(get(standIn).statusCode()).isEqualTo(503);
		assertThat(standIn.apiRequests()).isEqualTo(1);
	}

	@Test
	@Order(2)
	void healsFaultsAndZeroesCountersBeforeEachTest(GenesysCloudStandIn standIn) throws Exception {
		assertThat(standIn.apiRequests()).isZero();
		assertThat(get(standIn).statusCode()).as("the 503s left over from the test before are gone").isEqualTo(401);
	}

	private HttpResponse<String> get(GenesysCloudStandIn standIn) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/v2/organizations/me")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
