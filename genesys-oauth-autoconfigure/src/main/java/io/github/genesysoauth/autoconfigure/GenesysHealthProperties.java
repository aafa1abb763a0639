package io.github.genesysoauth.autoconfigure;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The {@code genesys} health contributor; {@code management.health.genesys.enabled} switches it off. */
@ConfigurationProperties(prefix = GenesysHealthProperties.CONFIG_PREFIX)
public class GenesysHealthProperties {

	/** Prefix of these properties. */
	public static final String CONFIG_PREFIX = "management.health.genesys";

	/**
	 * How long a health verdict is kept; probes within it are answered from it, without asking for a token.
	 */
	private Duration cacheTime = Duration.ofSeconds(10);

	/**
	 * Whether each verdict also calls GET /api/v2/tokens/me, which catches an OAuth client disabled in Genesys while
	 * its token has not expired; it spends one Platform API request of the token's rate limit per verdict.
	 */
	private boolean tokenInfoProbe;

	/**
	 * How long a health verdict is kept; probes within it are answered from it, without asking for a token.
	 * @return the {@code cache-time} setting
	 */
	public Duration getCacheTime() {
		return this.cacheTime;
	}

	/**
	 * Sets {@code cache-time}: see {@link #getCacheTime()}.
	 * @param cacheTime the new value
	 */
	public void setCacheTime(Duration cacheTime) {
		this.cacheTime = cacheTime;
	}

	/**
	 * Whether each verdict also calls GET /api/v2/tokens/me, which catches an OAuth client disabled in Genesys
	 * while its token has not expired; it spends one Platform API request of the token's rate limit per verdict.
	 * @return the {@code token-info-probe} setting
	 */
	public boolean isTokenInfoProbe() {
		return this.tokenInfoProbe;
	}

	/**
	 * Sets {@code token-info-probe}: see {@link #isTokenInfoProbe()}.
	 * @param tokenInfoProbe the new value
	 */
	public void setTokenInfoProbe(boolean tokenInfoProbe) {
		this.tokenInfoProbe = tokenInfoProbe;
	}

}
