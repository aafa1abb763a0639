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

	/**
	 * The HTTP proxy the org's clients go through, token requests and API calls alike; a named org without a proxy
	 * host of its own goes through the default org's.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * TLS toward the org's Genesys hosts, for token requests and API calls alike; a named org without a bundle of
	 * its own takes the default org's.
	 */
	private final Ssl ssl = new Ssl();

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

	public Proxy getProxy() {
		return this.proxy;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	/** The HTTP proxy of every Genesys client: plain requests for http:// hosts, CONNECT for https:// ones. */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy that token requests and Platform API calls go through, such as proxy.corp.example;
		 * none when unset.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private @Nullable Integer port;

		/**
		 * User name for Basic authentication at the proxy; none when unset.
		 */
		private @Nullable String username;

		/**
		 * Password for Basic authentication at the proxy. Never logged, never shown by actuator endpoints.
		 */
		private @Nullable String password;

		/**
		 * Hosts reached directly rather than through the proxy: names, or patterns starting with '*.' such as
		 * *.corp.example. Loopback hosts go through the proxy unless listed.
		 */
		private List<String> nonProxyHosts = new ArrayList<>();

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public @Nullable Integer getPort() {
			return this.port;
		}

		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		public void setNonProxyHosts(List<String> nonProxyHosts) {
			this.nonProxyHosts = nonProxyHosts;
		}

	}

	/** TLS toward the Genesys hosts. */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) the Genesys clients trust the login and API hosts with, and
		 * present a client certificate from; over spring.http.clients.ssl.bundle for them, under a service group's
		 * own spring.http.serviceclient.<group>.ssl.bundle.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
