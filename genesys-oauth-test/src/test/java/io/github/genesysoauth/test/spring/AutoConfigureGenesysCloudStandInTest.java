package io.github.genesysoauth.test.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;

import static org.assertj.core.api.Assertions.assertThat;

@SpringJUnitConfig(AutoConfigureGenesysCloudStandInTest.Empty.class)
@AutoConfigureGenesysCloudStandIn(tokenLifetimeSeconds = 300, rateLimitPerMinute = 300, credentialsRefusedStatus = 401)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureGenesysCloudStandInTest {

	@Autowired
	private GenesysCloudStandIn genesys;

	@Autowired
	private Environment environment;

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	@Order(1)
	void pointsGenesysOAuthPropertiesAtTheStandInBean() throws Exception {
		assertThat(this.environment.getProperty("genesys.oauth.token-uri")).isEqualTo(this.genesys.tokenUri().toString());
		assertThat(this.environment.getProperty("genesys.oauth.api-base-url")).isEqualTo(this.genesys.baseUrl());
		assertThat(this.environment.getProperty("genesys.oauth.client-id")).isEqualTo(this.genesys.clientId());
		assertThat(this.environment.getProperty("genesys.oauth.client-secret")).isEqualTo(this.genesys.clientSecret());
		this.genesys.failApiRequests(3, ApiFault.status(503));
		assertThat(getTokenInfo().statusCode()).isEqualTo(503);
	}

	@Test
	@Order(2)
	void healsAndZeroesTheStandInBeforeEachTest() throws Exception {
		assertThat(this.genesys.apiRequests()).isZero();
		assertThat(this.genesys.faultedApiRequests()).isZero();
		// zeroed counters alone would not show it: two of the three 503s set by the test before are still due
		// unless healed, and a request without a token is answered 401 only once they are gone
		assertThat(getTokenInfo().statusCode()).as("the 503s left over from the test before are gone").isEqualTo(401);
	}

	// Each setting differs from the stand-in's default, so that one the customizer dropped shows.
	@Test
	@Order(3)
	void startsTheStandInWithTheAnnotationsSettings() throws Exception {
		assertThat(requestToken("wrong-secret").statusCode()).as("credentialsRefusedStatus").isEqualTo(401);
		String body = requestToken(this.genesys.clientSecret()).body();
		assertThat(body).as("tokenLifetimeSeconds").contains("\"expires_in\":300}");
		Matcher token = Pattern.compile("\"access_token\":\"([^\"]+)\"").matcher(body);
		assertThat(token.find()).as("token in %s", body).isTrue();
		for (int request = 0; request < 300; request++) {
			assertThat(getTokenInfo("Bearer " + token.group(1)).statusCode()).isEqualTo(200);
		}
		assertThat(getTokenInfo("Bearer " + token.group(1)).statusCode()).as("rateLimitPerMinute").isEqualTo(429);
	}

	private HttpResponse<String> getTokenInfo() throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.genesys.baseUrl() + "/api/v2/tokens/me")).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> getTokenInfo(String authorization) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.genesys.baseUrl() + "/api/v2/tokens/me"))
			.header("Authorization", authorization)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> requestToken(String secret) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString((this.genesys.clientId() + ":" + secret).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(this.genesys.tokenUri())
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
