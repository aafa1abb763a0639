package io.github.genesysoauth.test.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInClient;
import io.github.genesysoauth.test.TokenFault;
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

	// Both settings differ from the stand-in's defaults, so that a configuration the extension dropped shows.
	@Test
	@Order(3)
	void startsTheStandInWithItsConfiguration(GenesysCloudStandIn standIn) throws Exception {
		String body = requestToken(standIn, standIn.clientId(), standIn.clientSecret()).body();
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
		assertThat(token.find()).as("token in %s", body).isTrue();

		assertThat(body).contains("\"expires_in\":600}");
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/v2/organizations/me"))
			.header("Authorization", "Bearer " + token.group(1))
			.build(), HttpResponse.BodyHandlers.ofString()).body()).contains("\"name\":\"Extension Org\"");
	}

	@Test
	@Order(4)
	void letsATestAddAClient(GenesysCloudStandIn standIn) throws Exception {
		standIn.addClient("acme-client", "acme-secret", "Acme");
		standIn.failTokenRequestsFor("acme-client", Duration.ofDays(1), TokenFault.status(503));
		standIn.setClientSecret("acme-client", "acme-rotated");

		assertThat(requestToken(standIn, "acme-client", "acme-rotated").statusCode()).isEqualTo(503);
	}

	@Test
	@Order(5)
	void keepsTheClientsOfTheTestBeforeWithTheirSecretsHealedAndZeroed(GenesysCloudStandIn standIn) throws Exception {
		StandInClient acme = standIn.client("acme-client");

		assertThat(acme.clientSecret()).isEqualTo("acme-rotated");
		assertThat(requestToken(standIn, "acme-client", "acme-rotated").statusCode()).isEqualTo(200);
		assertThat(standIn.tokenRequests("acme-client")).isEqualTo(1);
	}

	private HttpResponse<String> requestToken(GenesysCloudStandIn standIn, String clientId, String clientSecret)
			throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(standIn.tokenUri())
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(GenesysCloudStandIn standIn) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(standIn.baseUrl() + "/api/v2/organizations/me")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
