package io.github.genesysoauth.sample;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.springframework.core.env.Environment;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * What the stand-in that profile {@code stand-in} started has received since the sample started, the other tests of
 * the same context included. That stand-in is no bean: WireMock, underneath it, answers on its admin API.
 */
final class StandInRequests {

	private final WireMock standIn;

	StandInRequests(Environment environment) {
		this.standIn = new WireMock("127.0.0.1",
				URI.create(environment.getRequiredProperty("genesys.oauth.token-uri")).getPort());
	}

	/** Token requests of one OAuth client, told apart by their Basic credentials: the raw id and secret. */
	int tokenRequests(String clientId, String clientSecret) {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		return this.standIn
			.find(postRequestedFor(urlPathEqualTo("/oauth/token")).withHeader("Authorization", equalTo("Basic " + basic)))
			.size();
	}

	/** The Authorization headers of the organization requests received since then, in no particular order. */
	List<String> organizationRequestsSince(Date since) {
		return this.standIn.find(getRequestedFor(urlPathEqualTo("/api/v2/organizations/me")))
			.stream()
			.filter((request) -> !request.getLoggedDate().before(since))
			.map((LoggedRequest request) -> request.getHeader("Authorization"))
			.toList();
	}

}
