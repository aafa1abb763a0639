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

	/**
	 * Client id of a Genesys Cloud OAuth client that uses the Client Credentials grant.
	 * @return the {@code client-id} setting
	 */
	public @Nullable String getClientId() {
		return this.clientId;
	}

	/**
	 * Sets {@code client-id}: see {@link #getClientId()}.
	 * @param clientId the new value
	 */
	public void setClientId(@Nullable String clientId) {
		this.clientId = clientId;
	}

	/**
	 * Client secret of that OAuth client. Never logged, never shown by actuator endpoints.
	 * @return the {@code client-secret} setting
	 */
	public @Nullable String getClientSecret() {
		return this.clientSecret;
	}

	/**
	 * Sets {@code client-secret}: see {@link #getClientSecret()}.
	 * @param clientSecret the new value
	 */
	public void setClientSecret(@Nullable String clientSecret) {
		this.clientSecret = clientSecret;
	}

	/**
	 * Genesys Cloud region of the organization, such as us-east-1 or eu-west-1. Defaults to us-east-1 unless a
	 * domain is set.
	 * @return the {@code region} setting
	 */
	public @Nullable GenesysRegion getRegion() {
		return this.region;
	}

	/**
	 * Sets {@code region}: see {@link #getRegion()}.
	 * @param region the new value
	 */
	public void setRegion(@Nullable GenesysRegion region) {
		this.region = region;
	}

	/**
	 * Domain of a region the starter does not know yet, such as mxc1.pure.cloud; the login and API hosts are
	 * login.&lt;domain&gt; and api.&lt;domain&gt;.
	 * @return the {@code domain} setting
	 */
	public @Nullable String getDomain() {
		return this.domain;
	}

	/**
	 * Sets {@code domain}: see {@link #getDomain()}.
	 * @param domain the new value
	 */
	public void setDomain(@Nullable String domain) {
		this.domain = domain;
	}

	/**
	 * Token endpoint, overriding the one derived from the region, e.g. for a proxy, a gateway or a test.
	 * @return the {@code token-uri} setting
	 */
	public @Nullable URI getTokenUri() {
		return this.tokenUri;
	}

	/**
	 * Sets {@code token-uri}: see {@link #getTokenUri()}.
	 * @param tokenUri the new value
	 */
	public void setTokenUri(@Nullable URI tokenUri) {
		this.tokenUri = tokenUri;
	}

	/**
	 * Platform API base URL, overriding the one derived from the region.
	 * @return the {@code api-base-url} setting
	 */
	public @Nullable URI getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	/**
	 * Sets {@code api-base-url}: see {@link #getApiBaseUrl()}.
	 * @param apiBaseUrl the new value
	 */
	public void setApiBaseUrl(@Nullable URI apiBaseUrl) {
		this.apiBaseUrl = apiBaseUrl;
	}

	/**
	 * Scopes to request; sent as 'scope' only when not empty. Client-credentials clients get their rights from
	 * roles, so Genesys needs none.
	 * @return the {@code scopes} setting
	 */
	public List<String> getScopes() {
		return this.scopes;
	}

	/**
	 * Sets {@code scopes}: see {@link #getScopes()}.
	 * @param scopes the new value
	 */
	public void setScopes(List<String> scopes) {
		this.scopes = scopes;
	}

	/**
	 * The HTTP proxy the org's clients go through, token requests and API calls alike; a named org without a proxy
	 * host of its own goes through the default org's.
	 * @return the {@code proxy} setting
	 */
	public Proxy getProxy() {
		return this.proxy;
	}

	/**
	 * TLS toward the org's Genesys hosts, for token requests and API calls alike; a named org without a bundle of
	 * its own takes the default org's.
	 * @return the {@code ssl} setting
	 */
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

		/**
		 * Host of the HTTP proxy that token requests and Platform API calls go through, such as
		 * proxy.corp.example; none when unset.
		 * @return the {@code host} setting
		 */
		public @Nullable String getHost() {
			return this.host;
		}

		/**
		 * Sets {@code host}: see {@link #getHost()}.
		 * @param host the new value
		 */
		public void setHost(@Nullable String host) {
			this.host = host;
		}

		/**
		 * Port of the HTTP proxy.
		 * @return the {@code port} setting
		 */
		public @Nullable Integer getPort() {
			return this.port;
		}

		/**
		 * Sets {@code port}: see {@link #getPort()}.
		 * @param port the new value
		 */
		public void setPort(@Nullable Integer port) {
			this.port = port;
		}

		/**
		 * User name for Basic authentication at the proxy; none when unset.
		 * @return the {@code username} setting
		 */
		public @Nullable String getUsername() {
			return this.username;
		}

		/**
		 * Sets {@code username}: see {@link #getUsername()}.
		 * @param username the new value
		 */
		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		/**
		 * Password for Basic authentication at the proxy. Never logged, never shown by actuator endpoints.
		 * @return the {@code password} setting
		 */
		public @Nullable String getPassword() {
			return this.password;
		}

		/**
		 * Sets {@code password}: see {@link #getPassword()}.
		 * @param password the new value
		 */
		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		/**
		 * Hosts reached directly rather than through the proxy: names, or patterns starting with '*.' such as
		 * *.corp.example. Loopback hosts go through the proxy unless listed.
		 * @return the {@code non-proxy-hosts} setting
		 */
		public List<String> getNonProxyHosts() {
			return this.nonProxyHosts;
		}

		/**
		 * Sets {@code non-proxy-hosts}: see {@link #getNonProxyHosts()}.
		 * @param nonProxyHosts the new value
		 */
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

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) the Genesys clients trust the login and API hosts with, and
		 * present a client certificate from; over spring.http.clients.ssl.bundle for them, under a service group's
		 * own spring.http.serviceclient.&lt;group&gt;.ssl.bundle.
		 * @return the {@code bundle} setting
		 */
		public @Nullable String getBundle() {
			return this.bundle;
		}

		/**
		 * Sets {@code bundle}: see {@link #getBundle()}.
		 * @param bundle the new value
		 */
		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
