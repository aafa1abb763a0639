package io.github.genesysoauth.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.genesysoauth.client.GenesysRetrySettings;
import io.github.genesysoauth.region.GenesysEndpoints;
import io.github.genesysoauth.region.GenesysRegion;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * Checks {@link GenesysOAuthProperties} and derives what the client needs from them, failing with an
 * {@link InvalidGenesysPropertyException} that names the property to fix.
 */
final class GenesysPropertiesResolver {

	/** Registration id of the Genesys client registration. */
	static final String REGISTRATION_ID = "genesys";

	private static final String PREFIX = GenesysOAuthProperties.CONFIG_PREFIX + ".";

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

	private GenesysPropertiesResolver() {
	}

	static ClientRegistration clientRegistration(GenesysOAuthProperties properties) {
		String clientId = required(properties.getClientId(), "client-id",
				"Set genesys.oauth.client-id (environment variable GENESYS_OAUTH_CLIENT_ID) to the client id of a "
						+ "Genesys Cloud OAuth client that uses the Client Credentials grant, or set "
						+ "genesys.oauth.enabled=false to switch the Genesys client off.");
		String clientSecret = required(properties.getClientSecret(), "client-secret",
				"Set genesys.oauth.client-secret (environment variable GENESYS_OAUTH_CLIENT_SECRET) to that OAuth "
						+ "client's secret, preferably from a secret store rather than a committed file.");
		positive(properties.getRefreshBeforeExpiry(), "refresh-before-expiry", "60s");
		positive(properties.getTokenRequestTimeout(), "token-request-timeout", "10s");
		retrySettings(properties);
		GenesysEndpoints endpoints = endpoints(properties);
		List<String> scopes = properties.getScopes().stream().filter((scope) -> !scope.isBlank()).toList();
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(REGISTRATION_ID)
			.clientName("Genesys Cloud")
			.clientId(clientId.strip())
			.clientSecret(clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(endpoints.tokenUri().toString());
		if (!scopes.isEmpty()) {
			builder.scope(scopes);
		}
		return builder.build();
	}

	static GenesysEndpoints endpoints(GenesysOAuthProperties properties) {
		GenesysEndpoints derived = regionEndpoints(properties.getRegion(), properties.getDomain());
		URI tokenUri = (properties.getTokenUri() != null) ? checkedUri(properties.getTokenUri(), "token-uri")
				: derived.tokenUri();
		URI apiBaseUrl = (properties.getApiBaseUrl() != null) ? checkedUri(properties.getApiBaseUrl(), "api-base-url")
				: derived.apiBaseUrl();
		return new GenesysEndpoints(tokenUri, apiBaseUrl);
	}

	/** The region's key, e.g. {@code eu-west-1}, or the domain when one is set instead. */
	static String regionLabel(GenesysOAuthProperties properties) {
		String domain = properties.getDomain();
		if (domain != null && !domain.isBlank()) {
			GenesysRegion known = GenesysRegion.ofDomain(domain.strip()).orElse(null);
			return (known != null) ? known.key() : domain.strip();
		}
		return ((properties.getRegion() != null) ? properties.getRegion() : GenesysRegion.US_EAST_1).key();
	}

	private static GenesysEndpoints regionEndpoints(@Nullable GenesysRegion region, @Nullable String domain) {
		if (domain == null || domain.isBlank()) {
			return ((region != null) ? region : GenesysRegion.US_EAST_1).endpoints();
		}
		String bare = domain.strip();
		String lower = bare.toLowerCase(Locale.ROOT);
		if (!DOMAIN.matcher(bare).matches() || lower.startsWith("login.") || lower.startsWith("api.")) {
			throw new InvalidGenesysPropertyException(PREFIX + "domain",
					"genesys.oauth.domain '" + bare + "' is not a Genesys Cloud region domain.",
					"Set the region's bare domain, such as mxc1.pure.cloud, without scheme, path or the login. or api. "
							+ "prefix; or set genesys.oauth.token-uri and genesys.oauth.api-base-url instead.");
		}
		if (region != null && !region.domain().equalsIgnoreCase(bare)) {
			throw new InvalidGenesysPropertyException(PREFIX + "domain",
					"genesys.oauth.domain '" + bare + "' conflicts with genesys.oauth.region '" + region.key()
							+ "', whose domain is " + region.domain() + ".",
					"Set only one of them: genesys.oauth.region for a region the starter knows, or "
							+ "genesys.oauth.domain for one it does not know yet.");
		}
		return GenesysEndpoints.forDomain(bare);
	}

	private static URI checkedUri(URI uri, String property) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new InvalidGenesysPropertyException(PREFIX + property,
					"genesys.oauth." + property + " '" + uri + "' is not an absolute https:// URL.",
					"Set a URL such as " + example(property) + ".");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new InvalidGenesysPropertyException(PREFIX + property,
					"genesys.oauth." + property + " '" + uri + "' uses http:// for " + uri.getHost()
							+ ", which is not a loopback host: the client secret and tokens would travel unencrypted.",
					"Use https://, as in " + example(property)
							+ "; http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in).");
		}
		return uri;
	}

	private static String example(String property) {
		GenesysEndpoints endpoints = GenesysRegion.US_EAST_1.endpoints();
		return property.equals("token-uri") ? endpoints.tokenUri().toString() : endpoints.apiBaseUrl().toString();
	}

	// Decided on the name alone: resolving it would make start-up depend on DNS.
	static boolean isLoopback(String host) {
		String bare = host.toLowerCase(Locale.ROOT);
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		return bare.equals("localhost") || bare.endsWith(".localhost") || IPV4_LOOPBACK.matcher(bare).matches()
				|| bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
	}

	/**
	 * Why a token URI and an API base URL cannot belong together, when both are Genesys hosts of different regions
	 * (every token would be answered 401, a {@code token_rejected}); {@code null} when they may. Hosts that are not
	 * Genesys's own (proxies, gateways, stand-ins) are not judged.
	 */
	static @Nullable String regionMismatch(URI tokenUri, URI apiBaseUrl) {
		String loginDomain = genesysDomain(tokenUri, "login.");
		String apiDomain = genesysDomain(apiBaseUrl, "api.");
		if (loginDomain == null || apiDomain == null || loginDomain.equals(apiDomain)) {
			return null;
		}
		return "The Genesys Cloud token URI " + tokenUri + " and API base URL " + apiBaseUrl + " belong to different "
				+ "regions (" + loginDomain + " and " + apiDomain + "): the Platform API will answer 401 to every token. "
				+ "Set genesys.oauth.region (or api-base-url) to the region of the OAuth client's organization.";
	}

	private static @Nullable String genesysDomain(URI uri, String prefix) {
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (!host.startsWith(prefix)) {
			return null;
		}
		String domain = host.substring(prefix.length());
		return GenesysRegion.ofDomain(domain).isPresent() ? domain : null;
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

	private static String required(@Nullable String value, String property, String action) {
		if (value == null || value.isBlank()) {
			throw new InvalidGenesysPropertyException(PREFIX + property,
					"genesys.oauth." + property + " is not set.", action);
		}
		return value;
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
