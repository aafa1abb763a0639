package io.github.genesysoauth.region;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Where a Genesys Cloud client talks to: the login service's token endpoint and the Platform API.
 *
 * @param tokenUri the client-credentials token endpoint, e.g. {@code https://login.mypurecloud.com/oauth/token}
 * @param apiBaseUrl the Platform API base URL, e.g. {@code https://api.mypurecloud.com}
 */
public record GenesysEndpoints(URI tokenUri, URI apiBaseUrl) {

	/**
	 * Checks that both endpoints are given.
	 * @param tokenUri the client-credentials token endpoint
	 * @param apiBaseUrl the Platform API base URL
	 */
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

	/**
	 * Why these endpoints cannot belong together, when both are Genesys hosts of different regions (every token
	 * would be answered 401, a {@code token_rejected}); {@code null} when they may. Hosts that are not Genesys's own
	 * (proxies, gateways, stand-ins) are not judged.
	 * @return the explanation, or {@code null}
	 */
	public @Nullable String regionMismatch() {
		String loginDomain = genesysDomain(this.tokenUri, "login.");
		String apiDomain = genesysDomain(this.apiBaseUrl, "api.");
		if (loginDomain == null || apiDomain == null || loginDomain.equals(apiDomain)) {
			return null;
		}
		return "The Genesys Cloud token URI " + this.tokenUri + " and API base URL " + this.apiBaseUrl
				+ " belong to different regions (" + loginDomain + " and " + apiDomain + "): the Platform API will "
				+ "answer 401 to every token. Set the region (or api-base-url) to the region of the OAuth client's "
				+ "organization.";
	}

	private static @Nullable String genesysDomain(URI uri, String prefix) {
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (!host.startsWith(prefix)) {
			return null;
		}
		String domain = host.substring(prefix.length());
		return GenesysRegion.ofDomain(domain).isPresent() ? domain : null;
	}

}
