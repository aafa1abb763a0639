package io.github.genesysoauth.client;

import java.net.URI;

import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which redirects the call policy follows, and how: the one place every client style asks.
 */
class GenesysApiCallPolicyRedirectTest {

	private static final URI API = URI.create("https://api.mypurecloud.com/api/v2/users");

	private final GenesysApiCallPolicy policy = GenesysApiCallPolicy
		.builder(GenesysAccessTokens.builder(ClientRegistration.withRegistrationId("genesys")
			.clientId("id")
			.clientSecret("secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://login.mypurecloud.com/oauth/token")
			.build()).build(), URI.create("https://api.mypurecloud.com"))
		.build();

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "http://api.mypurecloud.com/api/v2/elsewhere, from HTTPS down to HTTP",
			"ftp://files.example.com/report, not HTTP", "mailto:someone@example.com, no host",
			"'  ', blank" })
	void isNotFollowed(String location, String why) {
		assertThat(this.policy.redirect(HttpMethod.GET, API, 302, location(location), 0)).as(why).isNull();
	}

	@Test
	void stopsAfterFiveHops() {
		assertThat(this.policy.redirect(HttpMethod.GET, API, 302, location("/api/v2/next"), 4)).isNotNull();
		assertThat(this.policy.redirect(HttpMethod.GET, API, 302, location("/api/v2/next"), 5)).isNull();
	}

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "POST, 301, GET, false", "POST, 302, GET, false", "POST, 303, GET, false", "PUT, 303, GET, false",
			"HEAD, 303, HEAD, true", "PUT, 302, PUT, true", "POST, 307, POST, true", "POST, 308, POST, true" })
	void changesTheMethodAsBrowsersDo(String method, int status, String then, boolean keepsBody) {
		Redirect redirect = this.policy.redirect(HttpMethod.valueOf(method), API, status, location("/api/v2/next"), 0);

		assertThat(redirect.method()).isEqualTo(HttpMethod.valueOf(then));
		assertThat(redirect.keepBody()).isEqualTo(keepsBody);
	}

	@Test
	void comparesOriginsWithDefaultPortsAndAnyCaseOfTheHost() {
		Redirect sameOrigin = this.policy.redirect(HttpMethod.GET, API, 302,
				location("https://API.mypurecloud.com:443/api/v2/next"), 0);
		Redirect otherPort = this.policy.redirect(HttpMethod.GET, API, 302,
				location("https://api.mypurecloud.com:8443/api/v2/next"), 0);

		assertThat(sameOrigin.sameOrigin()).isTrue();
		assertThat(this.policy.isApiOrigin(sameOrigin.url())).isTrue();
		assertThat(otherPort.sameOrigin()).isFalse();
		assertThat(this.policy.isApiOrigin(otherPort.url())).isFalse();
	}

	private static HttpHeaders location(String location) {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.LOCATION, location);
		return headers;
	}

}
