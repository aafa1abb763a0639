package io.github.genesysoauth.token;

import java.net.URI;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** What an observation of one token request knows: the client, the endpoint, and how the request ended. */
public class GenesysTokenRequestContext extends Observation.Context {

	private final String orgName;

	private final String clientId;

	private final URI tokenUri;

	private @Nullable GenesysAuthenticationException failure;

	/**
	 * Creates the context of one token request.
	 * @param orgName the Genesys org's name, {@code default} for the default org
	 * @param clientId the OAuth client id
	 * @param tokenUri the token endpoint
	 */
	public GenesysTokenRequestContext(String orgName, String clientId, URI tokenUri) {
		this.orgName = orgName;
		this.clientId = clientId;
		this.tokenUri = tokenUri;
	}

	/** {@return the Genesys org the token is requested for: {@code default} or a named org's name} */
	public String getOrgName() {
		return this.orgName;
	}

	/** {@return the OAuth client id the token is requested for} */
	public String getClientId() {
		return this.clientId;
	}

	/** {@return the token endpoint asked} */
	public URI getTokenUri() {
		return this.tokenUri;
	}

	/** {@return why the request failed, or {@code null} while it runs or when it succeeded} */
	public @Nullable GenesysAuthenticationException getFailure() {
		return this.failure;
	}

	/**
	 * Records why the request failed.
	 * @param failure the failure, or {@code null}
	 */
	public void setFailure(@Nullable GenesysAuthenticationException failure) {
		this.failure = failure;
	}

}
