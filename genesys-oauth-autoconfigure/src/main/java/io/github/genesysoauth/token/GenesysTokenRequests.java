package io.github.genesysoauth.token;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestHeadersConverter;

/** How a Genesys token request looks, whatever transport sends it. */
final class GenesysTokenRequests {

	private GenesysTokenRequests() {
	}

	/**
	 * Genesys documents Basic base64(client_id:client_secret) of the raw values; Spring Security would URL-encode
	 * them first (RFC 6749 2.3.1), which changes any secret with characters such as '+' or '/'.
	 */
	static <T extends AbstractOAuth2AuthorizationGrantRequest> DefaultOAuth2TokenRequestHeadersConverter<T> rawBasicHeaders() {
		DefaultOAuth2TokenRequestHeadersConverter<T> headers = new DefaultOAuth2TokenRequestHeadersConverter<>();
		headers.setEncodeClientCredentials(false);
		return headers;
	}

}
