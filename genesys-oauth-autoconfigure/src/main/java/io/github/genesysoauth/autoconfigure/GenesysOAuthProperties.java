package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the Genesys Cloud client, under {@value #CONFIG_PREFIX}: the default org's own settings (those of
 * {@link GenesysOrgProperties}), the named orgs, and what every org shares.
 */
@ConfigurationProperties(GenesysOAuthProperties.CONFIG_PREFIX)
public class GenesysOAuthProperties extends GenesysOrgProperties {

	/** Prefix of every property of this starter. */
	public static final String CONFIG_PREFIX = "genesys.oauth";

	/**
	 * Whether to auto-configure the Genesys Cloud client.
	 */
	private boolean enabled = true;

	/**
	 * How long before its expiry a token is renewed; a token that lives less than twice this is renewed at half its
	 * lifetime.
	 */
	private Duration refreshBeforeExpiry = Duration.ofSeconds(60);

	/**
	 * Longest wait for the token endpoint's answer.
	 */
	private Duration tokenRequestTimeout = Duration.ofSeconds(10);

	/**
	 * How Platform API calls and token requests are retried.
	 */
	private final Retry retry = new Retry();

	/**
	 * Named Genesys Cloud organizations, by a lower-case name ([a-z0-9-]+); each has its own OAuth client and
	 * tokens, and shares every other setting with the default org.
	 */
	private Map<String, GenesysOrgProperties> orgs = new LinkedHashMap<>();

	/**
	 * How long an org registered at run time or found by a GenesysOrgSettingsProvider may go unused before its token
	 * and clients are released; its next use obtains a new token.
	 */
	private Duration orgIdleTimeout = Duration.ofHours(1);

	/**
	 * Meters of the Genesys orgs.
	 */
	private final Metrics metrics = new Metrics();

	/**
	 * The HTTP proxy every Genesys client goes through, token requests and API calls alike.
	 */
	private final Proxy proxy = new Proxy();

	/**
	 * TLS toward the Genesys hosts, for token requests and API calls alike.
	 */
	private final Ssl ssl = new Ssl();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getRefreshBeforeExpiry() {
		return this.refreshBeforeExpiry;
	}

	public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
		this.refreshBeforeExpiry = refreshBeforeExpiry;
	}

	public Duration getTokenRequestTimeout() {
		return this.tokenRequestTimeout;
	}

	public void setTokenRequestTimeout(Duration tokenRequestTimeout) {
		this.tokenRequestTimeout = tokenRequestTimeout;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Map<String, GenesysOrgProperties> getOrgs() {
		return this.orgs;
	}

	public void setOrgs(Map<String, GenesysOrgProperties> orgs) {
		this.orgs = orgs;
	}

	public Duration getOrgIdleTimeout() {
		return this.orgIdleTimeout;
	}

	public void setOrgIdleTimeout(Duration orgIdleTimeout) {
		this.orgIdleTimeout = orgIdleTimeout;
	}

	public Metrics getMetrics() {
		return this.metrics;
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

	/** Meters of the Genesys orgs. */
	public static class Metrics {

		/**
		 * Whether to publish the gauge genesys.oauth.token.expires.in and the counter genesys.api.retries.
		 */
		private boolean enabled = true;

		/**
		 * Whether meters of orgs registered at run time or found by a GenesysOrgSettingsProvider carry their own org
		 * and client tags; false puts them all under org=run-time and client=run-time, without the expires-in gauge,
		 * for fleets of very many orgs.
		 */
		private boolean tagRunTimeOrgs = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isTagRunTimeOrgs() {
			return this.tagRunTimeOrgs;
		}

		public void setTagRunTimeOrgs(boolean tagRunTimeOrgs) {
			this.tagRunTimeOrgs = tagRunTimeOrgs;
		}

	}

	/** How Platform API calls and token requests are retried. */
	public static class Retry {

		/**
		 * Attempts per Platform API call for 429, 502, 503 and 504 (5xx only for idempotent methods), the first
		 * included; also token requests per flight while the token endpoint fails. 1 for no retry.
		 */
		private int maxAttempts = 3;

		/**
		 * Longest Retry-After honoured; a 429 asking for longer fails at once with GenesysRateLimitException.
		 */
		private Duration maxRetryAfter = Duration.ofSeconds(60);

		/**
		 * First backoff, with jitter, where no Retry-After is given; doubled for each further attempt.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Longest backoff: between API attempts without Retry-After, and between token requests while the token
		 * endpoint fails (5xx, timeouts, connection errors), so that callers recover this soon after it heals.
		 */
		private Duration maxBackoff = Duration.ofSeconds(1);

		/**
		 * Longest pause between token requests while Genesys refuses the credentials (invalid_client, any 400 or
		 * 401) or answers with something that is not a token; the pause starts at 5s and doubles. Changed
		 * credentials are tried at once.
		 */
		private Duration maxRefusalBackoff = Duration.ofMinutes(5);

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public Duration getMaxRefusalBackoff() {
			return this.maxRefusalBackoff;
		}

		public void setMaxRefusalBackoff(Duration maxRefusalBackoff) {
			this.maxRefusalBackoff = maxRefusalBackoff;
		}

	}

}
