package io.github.genesysoauth.token;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * No Genesys Cloud access token could be obtained: the login service refused the client, answered with something
 * that is not a token, or did not answer in time. Its message names the token URI and the client id, never the
 * secret.
 */
public class GenesysAuthenticationException extends OAuth2AuthorizationException {

	/**
	 * Error code of a token that the Platform API answered 401 to right after it was issued: the login service
	 * issues tokens, but they are of no use (a disabled or deleted OAuth client, an API host of another region).
	 */
	public static final String TOKEN_REJECTED = "token_rejected";

	/** Token endpoint that was asked. */
	private final URI tokenUri;

	/** OAuth client id that was used. */
	private final String clientId;

	/** HTTP status of the token endpoint's answer, or {@code null}. */
	private final @Nullable Integer httpStatus;

	/**
	 * Creates an exception for a failed token request.
	 * @param error the OAuth error, e.g. {@code invalid_client}, and Genesys's description of it
	 * @param httpStatus the HTTP status the token endpoint answered with, or {@code null} when it did not answer
	 * @param tokenUri the token endpoint asked
	 * @param clientId the OAuth client id used
	 * @param message what went wrong and what to do about it
	 * @param cause the underlying failure, or {@code null}
	 */
	public GenesysAuthenticationException(OAuth2Error error, @Nullable Integer httpStatus, URI tokenUri,
			String clientId, String message, @Nullable Throwable cause) {
		super(error, message, cause);
		this.httpStatus = httpStatus;
		this.tokenUri = tokenUri;
		this.clientId = clientId;
	}

	/** {@return OAuth error code, e.g. {@code invalid_client}, {@code timeout} or {@code server_error}} */
	public String getErrorCode() {
		return getError().getErrorCode();
	}

	/** {@return Genesys's description of the error, e.g. {@code authentication failed}, or {@code null}} */
	public @Nullable String getDescription() {
		return getError().getDescription();
	}

	/** {@return HTTP status of the token endpoint's answer, or {@code null} when there was none} */
	public @Nullable Integer getHttpStatus() {
		return this.httpStatus;
	}

	/** {@return token endpoint that was asked} */
	public URI getTokenUri() {
		return this.tokenUri;
	}

	/** {@return OAuth client id that was used} */
	public String getClientId() {
		return this.clientId;
	}

}
