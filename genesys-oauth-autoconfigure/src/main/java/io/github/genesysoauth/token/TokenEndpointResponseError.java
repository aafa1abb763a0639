package io.github.genesysoauth.token;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;

/**
 * Spring Security's reading of a token response that was not a token, with the HTTP status it came with, which
 * Spring Security's own exception does not keep.
 */
final class TokenEndpointResponseError extends OAuth2AuthorizationException {

	private final int status;

	TokenEndpointResponseError(OAuth2AuthorizationException cause, int status) {
		super(cause.getError(), cause);
		this.status = status;
	}

	int status() {
		return this.status;
	}

}
