package io.github.genesysoauth.test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code genesys.oauth.*} properties that point the starter at one client of a running stand-in, as a map and as
 * the {@code name=value} pairs Spring's test support takes.
 */
final class StandInProperties {

	/** Prefix of the starter's default org. */
	static final String DEFAULT_ORG = "genesys.oauth.";

	private static final Pattern ORG_NAME = Pattern.compile("[a-z0-9-]+");

	private StandInProperties() {
	}

	/**
	 * Prefix of the named org {@code genesys.oauth.orgs.<orgName>}.
	 * @throws IllegalArgumentException when the starter would not accept the name
	 */
	static String namedOrg(String orgName) {
		Objects.requireNonNull(orgName, "orgName");
		if (!ORG_NAME.matcher(orgName).matches()) {
			throw new IllegalArgumentException("An org name is lower-case letters, digits and '-', not " + orgName);
		}
		return DEFAULT_ORG + "orgs." + orgName + ".";
	}

	/** {@code client-id}, {@code client-secret}, {@code token-uri} and {@code api-base-url}, in that order. */
	static Map<String, String> of(String prefix, StandInClient client, StandInServer server) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put(prefix + "client-id", client.clientId());
		properties.put(prefix + "client-secret", client.clientSecret());
		properties.put(prefix + "token-uri", server.tokenUri().toString());
		properties.put(prefix + "api-base-url", server.apiBaseUrl().toString());
		return properties;
	}

	static String[] pairs(Map<String, String> properties) {
		return properties.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + "=" + entry.getValue())
			.toArray(String[]::new);
	}

}
