package io.github.genesysoauth.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.github.genesysoauth.region.GenesysRegion;
import org.jspecify.annotations.Nullable;

/**
 * What one Genesys Cloud organization is configured with: its OAuth client's credentials and where it lives. The
 * default org's are {@code genesys.oauth.*}, a named org's {@code genesys.oauth.orgs.<name>.*}; everything else is
 * shared.
 */
public class GenesysOrgProperties {

	/**
	 * Client id of a Genesys Cloud OAuth client that uses the Client Credentials grant.
	 */
	private @Nullable String clientId;

	/**
	 * Client secret of that OAuth client. Never logged, never shown by actuator endpoints.
	 */
	private @Nullable String clientSecret;

	/**
	 * Genesys Cloud region of the organization, such as us-east-1 or eu-west-1. Defaults to us-east-1 unless a
	 * domain is set.
	 */
	private @Nullable GenesysRegion region;

	/**
	 * Domain of a region the starter does not know yet, such as mxc1.pure.cloud; the login and API hosts are
	 * login.<domain> and api.<domain>.
	 */
	private @Nullable String domain;

	/**
	 * Token endpoint, overriding the one derived from the region, e.g. for a proxy, a gateway or a test.
	 */
	private @Nullable URI tokenUri;

	/**
	 * Platform API base URL, overriding the one derived from the region.
	 */
	private @Nullable URI apiBaseUrl;

	/**
	 * Scopes to request; sent as 'scope' only when not empty. Client-credentials clients get their rights from
	 * roles, so Genesys needs none.
	 */
	private List<String> scopes = new ArrayList<>();

	public @Nullable String getClientId() {
		return this.clientId;
	}

	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	public @Nullable GenesysRegion getRegion() {
		return this.region;
	}

	public void setRegion(@Nullable GenesysRegion region) {
		this.region = region;
	}

	public @Nullable String getDomain() {
		return this.domain;
	}

	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	public @Nullable URI getTokenUri() {
		return this.tokenUri;
	}

	public void setTokenUri(@Nullable URI tokenUri) {
		this.tokenUri = tokenUri;
	}

	public @Nullable URI getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	public List<String> getScopes() {
		return this.scopes;
	}

	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

}
