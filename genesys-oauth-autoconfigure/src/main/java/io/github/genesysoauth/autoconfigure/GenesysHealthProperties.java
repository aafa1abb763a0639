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

	public Duration getCacheTime() {
		return this.cacheTime;
	}

	public void setCacheTime(Duration cacheTime) {
		this.cacheTime = cacheTime;
	}

	public boolean isTokenInfoProbe() {
		return this.tokenInfoProbe;
	}

	public void setTokenInfoProbe(boolean tokenInfoProbe) {
		this.tokenInfoProbe = tokenInfoProbe;
	}

}
