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

	/**
	 * Whether to auto-configure the Genesys Cloud client.
	 * @return the {@code enabled} setting
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets {@code enabled}: see {@link #isEnabled()}.
	 * @param enabled the new value
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * How long before its expiry a token is renewed; a token that lives less than twice this is renewed at half
	 * its lifetime.
	 * @return the {@code refresh-before-expiry} setting
	 */
	public Duration getRefreshBeforeExpiry() {
		return this.refreshBeforeExpiry;
	}

	/**
	 * Sets {@code refresh-before-expiry}: see {@link #getRefreshBeforeExpiry()}.
	 * @param refreshBeforeExpiry the new value
	 */
	public void setRefreshBeforeExpiry(Duration refreshBeforeExpiry) {
		this.refreshBeforeExpiry = refreshBeforeExpiry;
	}

	/**
	 * Longest wait for the token endpoint's answer.
	 * @return the {@code token-request-timeout} setting
	 */
	public Duration getTokenRequestTimeout() {
		return this.tokenRequestTimeout;
	}

	/**
	 * Sets {@code token-request-timeout}: see {@link #getTokenRequestTimeout()}.
	 * @param tokenRequestTimeout the new value
	 */
	public void setTokenRequestTimeout(Duration tokenRequestTimeout) {
		this.tokenRequestTimeout = tokenRequestTimeout;
	}

	/**
	 * How Platform API calls and token requests are retried.
	 * @return the {@code retry} setting
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * How Platform API calls keep under Genesys's limit of requests per minute per token.
	 * @return the {@code rate-limit} setting
	 */
	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	/**
	 * Named Genesys Cloud organizations, by a lower-case name ([a-z0-9-]+); each has its own OAuth client and
	 * tokens, and shares every other setting with the default org.
	 * @return the {@code orgs} setting
	 */
	public Map<String, GenesysOrgProperties> getOrgs() {
		return this.orgs;
	}

	/**
	 * Sets {@code orgs}: see {@link #getOrgs()}.
	 * @param orgs the new value
	 */
	public void setOrgs(Map<String, GenesysOrgProperties> orgs) {
		this.orgs = orgs;
	}

	/**
	 * How long an org registered at run time or found by a GenesysOrgSettingsProvider may go unused before its
	 * token and clients are released; its next use obtains a new token.
	 * @return the {@code org-idle-timeout} setting
	 */
	public Duration getOrgIdleTimeout() {
		return this.orgIdleTimeout;
	}

	/**
	 * Sets {@code org-idle-timeout}: see {@link #getOrgIdleTimeout()}.
	 * @param orgIdleTimeout the new value
	 */
	public void setOrgIdleTimeout(Duration orgIdleTimeout) {
		this.orgIdleTimeout = orgIdleTimeout;
	}

	/**
	 * Meters of the Genesys orgs.
	 * @return the {@code metrics} setting
	 */
	public Metrics getMetrics() {
		return this.metrics;
	}

	/**
	 * A route of their own for token requests, set apart from the API calls' on purpose: a proxy or SSL bundle for
	 * the login hosts of every org; unset, token requests take the route of their org's API calls.
	 * @return the {@code login} setting
	 */
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

		/**
		 * Whether to publish the gauge genesys.oauth.token.expires.in and the counter genesys.api.retries.
		 * @return the {@code enabled} setting
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Sets {@code enabled}: see {@link #isEnabled()}.
		 * @param enabled the new value
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Whether meters of orgs registered at run time or found by a GenesysOrgSettingsProvider carry their own
		 * org and client tags; false puts them all under org=run-time and client=run-time, without the expires-in
		 * gauge, for fleets of very many orgs.
		 * @return the {@code tag-run-time-orgs} setting
		 */
		public boolean isTagRunTimeOrgs() {
			return this.tagRunTimeOrgs;
		}

		/**
		 * Sets {@code tag-run-time-orgs}: see {@link #isTagRunTimeOrgs()}.
		 * @param tagRunTimeOrgs the new value
		 */
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

		/**
		 * The HTTP proxy token requests go through, in place of the org's; none of its own when its host is unset.
		 * @return the {@code proxy} setting
		 */
		public Proxy getProxy() {
			return this.proxy;
		}

		/**
		 * The SSL bundle token requests trust the login hosts with (and present a client certificate from), in
		 * place of the org's.
		 * @return the {@code ssl} setting
		 */
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

		/**
		 * Whether calls are held back so that Genesys need not answer 429 (pace), only warned about once per
		 * minute in which a token's budget runs out (warn), or neither (off).
		 * @return the {@code mode} setting
		 */
		public GenesysRateLimitSettings.Mode getMode() {
			return this.mode;
		}

		/**
		 * Sets {@code mode}: see {@link #getMode()}.
		 * @param mode the new value
		 */
		public void setMode(GenesysRateLimitSettings.Mode mode) {
			this.mode = mode;
		}

		/**
		 * Requests per minute per token assumed until Genesys's inin-ratelimit-allowed header tells the real
		 * limit.
		 * @return the {@code requests-per-minute} setting
		 */
		public int getRequestsPerMinute() {
			return this.requestsPerMinute;
		}

		/**
		 * Sets {@code requests-per-minute}: see {@link #getRequestsPerMinute()}.
		 * @param requestsPerMinute the new value
		 */
		public void setRequestsPerMinute(int requestsPerMinute) {
			this.requestsPerMinute = requestsPerMinute;
		}

		/**
		 * Longest a call is held back for the rate limit; a call that would wait longer fails at once with
		 * GenesysRateLimitException, unsent.
		 * @return the {@code max-wait} setting
		 */
		public Duration getMaxWait() {
			return this.maxWait;
		}

		/**
		 * Sets {@code max-wait}: see {@link #getMaxWait()}.
		 * @param maxWait the new value
		 */
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

		/**
		 * Attempts per Platform API call for 429, 502, 503 and 504 (5xx only for idempotent methods), the first
		 * included; also token requests per flight while the token endpoint fails. 1 for no retry.
		 * @return the {@code max-attempts} setting
		 */
		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		/**
		 * Sets {@code max-attempts}: see {@link #getMaxAttempts()}.
		 * @param maxAttempts the new value
		 */
		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		/**
		 * Longest Retry-After honoured; a 429 asking for longer fails at once with GenesysRateLimitException.
		 * @return the {@code max-retry-after} setting
		 */
		public Duration getMaxRetryAfter() {
			return this.maxRetryAfter;
		}

		/**
		 * Sets {@code max-retry-after}: see {@link #getMaxRetryAfter()}.
		 * @param maxRetryAfter the new value
		 */
		public void setMaxRetryAfter(Duration maxRetryAfter) {
			this.maxRetryAfter = maxRetryAfter;
		}

		/**
		 * First backoff, with jitter, where no Retry-After is given; doubled for each further attempt.
		 * @return the {@code initial-backoff} setting
		 */
		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		/**
		 * Sets {@code initial-backoff}: see {@link #getInitialBackoff()}.
		 * @param initialBackoff the new value
		 */
		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		/**
		 * Longest backoff: between API attempts without Retry-After, and between token requests while the token
		 * endpoint fails (5xx, timeouts, connection errors), so that callers recover this soon after it heals.
		 * @return the {@code max-backoff} setting
		 */
		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		/**
		 * Sets {@code max-backoff}: see {@link #getMaxBackoff()}.
		 * @param maxBackoff the new value
		 */
		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		/**
		 * Longest pause between token requests while Genesys refuses the credentials (invalid_client, any 400 or
		 * 401) or answers with something that is not a token; the pause starts at 5s and doubles. Changed
		 * credentials are tried at once.
		 * @return the {@code max-refusal-backoff} setting
		 */
		public Duration getMaxRefusalBackoff() {
			return this.maxRefusalBackoff;
		}

		/**
		 * Sets {@code max-refusal-backoff}: see {@link #getMaxRefusalBackoff()}.
		 * @param maxRefusalBackoff the new value
		 */
		public void setMaxRefusalBackoff(Duration maxRefusalBackoff) {
			this.maxRefusalBackoff = maxRefusalBackoff;
		}

	}

}
