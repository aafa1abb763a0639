package io.github.genesysoauth.token;

import java.util.Set;
import java.util.concurrent.Callable;

import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.test.GenesysCloudStandIn;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** Registrations for a stand-in, and truly concurrent callers. */
public final class GenesysAccessTokensTestSupport {

	private GenesysAccessTokensTestSupport() {
	}

	/** A client-credentials registration with the stand-in's credentials and token endpoint. */
	public static ClientRegistration registration(GenesysCloudStandIn genesys) {
		return ClientRegistration.withRegistrationId("genesys")
			.clientId(genesys.clientId())
			.clientSecret(genesys.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(genesys.tokenUri().toString())
			.build();
	}

	/** Runs the call on that many threads released at once; returns the distinct results. */
	public static Set<String> callConcurrently(int callers, Callable<String> call) throws Exception {
		return ConcurrentCallers.call(callers, call);
	}

}
