package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.genesysoauth.client.GenesysRetrySettings;
import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.InvalidGenesysPropertyException;
import io.github.genesysoauth.region.GenesysEndpoints;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Checks {@link GenesysOAuthProperties} and derives what the clients need from them, failing with an
 * {@link InvalidGenesysPropertyException} that names the property to fix. The checks of an org's own settings are
 * {@link GenesysOrgSettings}'s, for properties and run-time registrations alike.
 */
final class GenesysPropertiesResolver {

	/** Registration id of the Genesys client registration. */
	static final String REGISTRATION_ID = "genesys";

	private static final String PREFIX = GenesysOAuthProperties.CONFIG_PREFIX + ".";

	private GenesysPropertiesResolver() {
	}

	/**
	 * The default org's registration, built from the top-level properties; every shared property is checked too, so
	 * that start-up reports any mistake.
	 */
	static ClientRegistration clientRegistration(GenesysOAuthProperties properties) {
		checkShared(properties);
		return settings(properties).clientRegistration(REGISTRATION_ID);
	}

	/** The default org's settings, from the top-level properties; messages name those properties. */
	static GenesysOrgSettings settings(GenesysOAuthProperties properties) {
		return builder(properties).build();
	}

	/** The default org's endpoints, for a registration that may bring its own credentials. */
	static GenesysEndpoints endpoints(GenesysOAuthProperties properties) {
		return builder(properties).endpoints();
	}

	/** The region's key, e.g. {@code eu-west-1}, or the domain when one is set instead. */
	static String regionLabel(GenesysOAuthProperties properties) {
		return builder(properties).regionLabel();
	}

	private static GenesysOrgSettings.Builder builder(GenesysOAuthProperties properties) {
		return builder(properties, PREFIX);
	}

	private static GenesysOrgSettings.Builder builder(GenesysOrgProperties properties, String prefix) {
		return GenesysOrgSettings.builder()
			.propertyPrefix(prefix)
			.clientId(properties.getClientId())
			.clientSecret(properties.getClientSecret())
			.region(properties.getRegion())
			.domain(properties.getDomain())
			.tokenUri(properties.getTokenUri())
			.apiBaseUrl(properties.getApiBaseUrl())
			.scopes(properties.getScopes());
	}

	/** The named orgs of {@code genesys.oauth.orgs.<name>.*}, checked, in the order they were configured. */
	static Map<String, GenesysOrgSettings> namedOrgs(GenesysOAuthProperties properties) {
		Map<String, GenesysOrgSettings> orgs = new LinkedHashMap<>();
		properties.getOrgs().forEach((name, org) -> {
			String prefix = GenesysOrgs.propertyPrefix(name);
			if (!GenesysOrgs.isValidName(name) || GenesysOrgs.DEFAULT.equals(name)) {
				throw new InvalidGenesysPropertyException(prefix + "client-id",
						"genesys.oauth.orgs." + name + " is not a usable org name: "
								+ (GenesysOrgs.DEFAULT.equals(name) ? "'default' is the org of the top-level properties."
										: "names are lower-case letters, digits and '-'."),
						"Rename it, e.g. genesys.oauth.orgs.acme-prod.client-id; the default org is configured with "
								+ "genesys.oauth.client-id.");
			}
			orgs.put(name, builder(org, prefix).build());
		});
		return orgs;
	}

	/** Checks the properties every org shares: durations and retries. */
	static void checkShared(GenesysOAuthProperties properties) {
		positive(properties.getRefreshBeforeExpiry(), "refresh-before-expiry", "60s");
		positive(properties.getTokenRequestTimeout(), "token-request-timeout", "10s");
		positive(properties.getOrgIdleTimeout(), "org-idle-timeout", "1h");
		retrySettings(properties);
	}

	static GenesysRetrySettings retrySettings(GenesysOAuthProperties properties) {
		GenesysOAuthProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidGenesysPropertyException(PREFIX + "retry.max-attempts",
					"genesys.oauth.retry.max-attempts is " + retry.getMaxAttempts() + ", but it must be at least 1.",
					"Set genesys.oauth.retry.max-attempts to 1 for no retry, or to a small number such as 3.");
		}
		notNegative(retry.getMaxRetryAfter(), "retry.max-retry-after", "60s");
		positive(retry.getInitialBackoff(), "retry.initial-backoff", "500ms");
		positive(retry.getMaxBackoff(), "retry.max-backoff", "1s");
		positive(retry.getMaxRefusalBackoff(), "retry.max-refusal-backoff", "5m");
		return new GenesysRetrySettings(retry.getMaxAttempts(), retry.getMaxRetryAfter(), retry.getInitialBackoff(),
				retry.getMaxBackoff());
	}

	private static void notNegative(@Nullable Duration value, String property, String example) {
		if (value == null || value.isNegative()) {
			throw new InvalidGenesysPropertyException(PREFIX + property,
					"genesys.oauth." + property + " is " + value + ", but it must not be negative.",
					"Set genesys.oauth." + property + " to a duration such as " + example
							+ ", or remove it to use the default.");
		}
	}

	private static void positive(@Nullable Duration value, String property, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidGenesysPropertyException(PREFIX + property,
					"genesys.oauth." + property + " is " + value + ", but it must be a positive duration.",
					"Set genesys.oauth." + property + " to a positive duration such as " + example
							+ ", or remove it to use the default.");
		}
	}

}
