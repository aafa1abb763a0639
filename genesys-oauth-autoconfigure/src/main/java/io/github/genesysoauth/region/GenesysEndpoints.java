package io.github.genesysoauth.region;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a Genesys Cloud client talks to: the login service's token endpoint and the Platform API.
 *
 * @param tokenUri the client-credentials token endpoint, e.g. {@code https://login.mypurecloud.com/oauth/token}
 * @param apiBaseUrl the Platform API base URL, e.g. {@code https://api.mypurecloud.com}
 */
public record GenesysEndpoints(URI tokenUri, URI apiBaseUrl) {

	public GenesysEndpoints {
		Objects.requireNonNull(tokenUri, "tokenUri");
		Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
	}

	/**
	 * Derives the hosts of a region domain: {@code login.<domain>} and {@code api.<domain>}.
	 * @param domain a region domain, such as {@code mxc1.pure.cloud}
	 * @return the region's endpoints
	 */
	public static GenesysEndpoints forDomain(String domain) {
		String host = Objects.requireNonNull(domain, "domain").toLowerCase(Locale.ROOT);
		return new GenesysEndpoints(URI.create("https://login." + host + "/oauth/token"),
				URI.create("https://api." + host));
	}

}
