package io.github.genesysoauth.test.spring;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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
@AutoConfigureGenesysCloudStandIn(tokenLifetimeSeconds = 300, rateLimitPerMinute = 300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AutoConfigureGenesysCloudStandInTest {

	@Autowired
	private GenesysCloudStandIn genesys;

	@Autowired
	private Environment environment;

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

	private HttpResponse<String> getTokenInfo() throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.genesys.baseUrl() + "/api/v2/tokens/me")).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
