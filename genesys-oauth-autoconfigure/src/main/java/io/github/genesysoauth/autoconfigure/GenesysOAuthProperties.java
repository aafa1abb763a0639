package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;


import io.github.genesysoauth.token.GenesysRateLimitSettings;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

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
	 * How Platform API calls keep under Genesys's limit of requests per minute per token.
	 */
	private final RateLimit rateLimit = new RateLimit();

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
	 * A route of their own for token requests, set apart from the API calls' on purpose: a proxy or SSL bundle for the
	 * login hosts of every org; unset, token requests take the route of their org's API calls.
	 */
	private final Login login = new Login();

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

	public RateLimit getRateLimit() {
		return this.rateLimit;
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

	public Login getLogin() {
		return this.login;
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

	/** The route of token requests, where it differs from the API calls'. */
	public static class Login {

		/**
		 * The HTTP proxy token requests go through, in place of the org's; none of its own when its host is unset.
		 */
		@NestedConfigurationProperty
		private final Proxy proxy = new Proxy();

		/**
		 * The SSL bundle token requests trust the login hosts with (and present a client certificate from), in place
		 * of the org's.
		 */
		@NestedConfigurationProperty
		private final Ssl ssl = new Ssl();

		public Proxy getProxy() {
			return this.proxy;
		}

		public Ssl getSsl() {
			return this.ssl;
		}

	}

	/**
	 * How Platform API calls keep under Genesys's limit of requests per minute per token: every org's token has its
	 * own budget, learned from Genesys's inin-ratelimit-* headers.
	 */
	public static class RateLimit {

		/**
		 * Whether calls are held back so that Genesys need not answer 429 (pace), only warned about once per minute in
		 * which a token's budget runs out (warn), or neither (off).
		 */
		private GenesysRateLimitSettings.Mode mode = GenesysRateLimitSettings.Mode.PACE;

		/**
		 * Requests per minute per token assumed until Genesys's inin-ratelimit-allowed header tells the real limit.
		 */
		private int requestsPerMinute = 300;

		/**
		 * Longest a call is held back for the rate limit; a call that would wait longer fails at once with
		 * GenesysRateLimitException, unsent.
		 */
		private Duration maxWait = Duration.ofSeconds(90);

		public GenesysRateLimitSettings.Mode getMode() {
			return this.mode;
		}

		public void setMode(GenesysRateLimitSettings.Mode mode) {
			this.mode = mode;
		}

		public int getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		public void setRequestsPerMinute(int requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		public Duration getMaxWait() {
			return this.maxWait;
		}

		public void setMaxWait(Duration maxWait) {
			this.maxWait = maxWait;
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
