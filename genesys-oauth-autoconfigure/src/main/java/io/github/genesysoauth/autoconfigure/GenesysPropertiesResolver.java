package io.github.genesysoauth.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.genesysoauth.client.GenesysRetrySettings;
import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.InvalidGenesysPropertyException;
import io.github.genesysoauth.region.GenesysEndpoints;
import io.github.genesysoauth.token.GenesysRateLimitSettings;
import io.github.genesysoauth.token.GenesysSettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Checks {@link GenesysOAuthProperties} and derives what the clients need from them, failing with a
 * {@link GenesysPropertyException} that names the property to fix, so that the start-up report shows where it was
 * set. The checks of an org's own settings are {@link GenesysOrgSettings}'s, for properties and run-time
 * registrations alike; this class turns what they find into the same exception. The one place that knows how the
 * library's settings are named as properties ({@link #settingNames}).
 */
final class GenesysPropertiesResolver {

	/** Registration id of the Genesys client registration. */
	static final String REGISTRATION_ID = "genesys";

	private static final String PREFIX = GenesysOAuthProperties.CONFIG_PREFIX + ".";

	private static final Pattern HOST = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]+\\]");

	private static final GenesysSettingNames DEFAULT_ORG_NAMES = GenesysSettingNames.of(PREFIX, PREFIX);

	private static final GenesysSettingNames SHARED_NAMES = GenesysSettingNames.of(PREFIX, null);

	private GenesysPropertiesResolver() {
	}

	/** The prefix of a named org's properties, {@code genesys.oauth.orgs.<name>.}. */
	static String orgPrefix(String name) {
		return PREFIX + "orgs." + name + ".";
	}

	/**
	 * How failure messages name an org's settings: the default org's and the named orgs' are properties; an org
	 * registered at run time or provided has settings of code, and shares the properties every org shares.
	 * @param name the org's name
	 * @param runTime whether it was registered at run time or provided
	 * @return the names
	 */
	static GenesysSettingNames settingNames(String name, boolean runTime) {
		if (GenesysOrgs.DEFAULT.equals(name)) {
			return DEFAULT_ORG_NAMES;
		}
		return GenesysSettingNames.of(PREFIX, runTime ? null : orgPrefix(name));
	}

	/** How failure messages name the settings every org shares, such as the retry settings. */
	static GenesysSettingNames sharedNames() {
		return SHARED_NAMES;
	}

	/** How messages of the orgs name an org's settings: as properties, where an org of that name would have them. */
	static GenesysSettingNames configuredNames(String name) {
		return settingNames(name, false);
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
		return checked(() -> builder(properties, DEFAULT_ORG_NAMES).build(), true);
	}

	/** The default org's endpoints, for a registration that may bring its own credentials. */
	static GenesysEndpoints endpoints(GenesysOAuthProperties properties) {
		return checked(() -> builder(properties, DEFAULT_ORG_NAMES).endpoints(), true);
	}

	/** The region's key, e.g. {@code eu-west-1}, or the domain when one is set instead. */
	static String regionLabel(GenesysOAuthProperties properties) {
		return builder(properties, DEFAULT_ORG_NAMES).regionLabel();
	}

	private static GenesysOrgSettings.Builder builder(GenesysOrgProperties properties, GenesysSettingNames names) {
		return GenesysOrgSettings.builder()
			.settingNames(names)
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
			String prefix = orgPrefix(name);
			if (!GenesysOrgs.isValidName(name) || GenesysOrgs.DEFAULT.equals(name)) {
				throw new GenesysPropertyException(prefix + "client-id", null,
						"genesys.oauth.orgs." + name + " is not a usable org name: "
								+ (GenesysOrgs.DEFAULT.equals(name) ? "'default' is the org of the top-level properties."
										: "names are lower-case letters, digits and '-'."),
						"Rename it, e.g. genesys.oauth.orgs.acme-prod.client-id; the default org is configured with "
								+ "genesys.oauth.client-id.");
			}
			orgs.put(name, checked(() -> builder(org, configuredNames(name)).build(), false));
		});
		return orgs;
	}

	/** Checks the properties every org shares: durations and retries. */
	static void checkShared(GenesysOAuthProperties properties) {
		positive(properties.getRefreshBeforeExpiry(), "refresh-before-expiry", "60s");
		positive(properties.getTokenRequestTimeout(), "token-request-timeout", "10s");
		positive(properties.getOrgIdleTimeout(), "org-idle-timeout", "1h");
		retrySettings(properties);
		rateLimitSettings(properties);
		tokenRoute(properties, GenesysOrgs.DEFAULT);
		properties.getOrgs().keySet().forEach((name) -> tokenRoute(properties, name));
	}

	/** The route of the default org, and of orgs registered at run time or provided, checked. */
	static GenesysRoute route(GenesysOAuthProperties properties) {
		return overridden(new GenesysRoute(null, null, PREFIX + "ssl.bundle"), properties.getProxy(),
				properties.getSsl(), PREFIX);
	}

	/**
	 * The route of an org: a named org's own proxy and SSL bundle where it has them
	 * ({@code genesys.oauth.orgs.<name>.proxy.*}, {@code ssl.bundle}), else the default org's.
	 */
	static GenesysRoute route(GenesysOAuthProperties properties, String orgName) {
		GenesysRoute shared = route(properties);
		GenesysOrgProperties org = GenesysOrgs.DEFAULT.equals(orgName) ? null : properties.getOrgs().get(orgName);
		return (org != null) ? overridden(shared, org.getProxy(), org.getSsl(), orgPrefix(orgName)) : shared;
	}

	/**
	 * The route of an org's token requests: the org's route, with {@code genesys.oauth.login.proxy.*} and
	 * {@code genesys.oauth.login.ssl.bundle} in its place where they are set (a login route set apart on purpose).
	 */
	static GenesysRoute tokenRoute(GenesysOAuthProperties properties, String orgName) {
		GenesysOAuthProperties.Login login = properties.getLogin();
		return overridden(route(properties, orgName), login.getProxy(), login.getSsl(), PREFIX + "login.");
	}

	// the route with the proxy and SSL bundle of <prefix>proxy.* and <prefix>ssl.bundle in its place, where set
	private static GenesysRoute overridden(GenesysRoute route, GenesysOrgProperties.Proxy proxy,
			GenesysOrgProperties.Ssl ssl, String prefix) {
		String bundle = bundle(ssl);
		return new GenesysRoute(isSet(proxy) ? proxy(proxy, prefix) : route.proxy(),
				(bundle != null) ? bundle : route.sslBundle(),
				(bundle != null) ? prefix + "ssl.bundle" : route.sslBundleProperty());
	}

	// any of its settings makes a proxy of its own, so that one set without its host is reported, not ignored
	private static boolean isSet(GenesysOrgProperties.Proxy proxy) {
		return proxy.getHost() != null || proxy.getPort() != null || proxy.getUsername() != null
				|| proxy.getPassword() != null || !proxy.getNonProxyHosts().isEmpty();
	}

	/** A URL's user info, up to the last {@code @}, masked: the password may itself hold {@code @} or {@code /}. */
	static String withoutUserInfo(String value) {
		return value.contains("@") ? value.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)?\\S*@", "$1******@") : value;
	}

	private static @Nullable String bundle(GenesysOrgProperties.Ssl ssl) {
		return (ssl.getBundle() != null && !ssl.getBundle().isBlank()) ? ssl.getBundle().strip() : null;
	}

	/** The proxy of {@code <prefix>proxy.*}, checked; {@code null} where none is set. */
	private static @Nullable GenesysProxy proxy(GenesysOrgProperties.Proxy proxy, String prefix) {
		String properties = prefix + "proxy.";
		String host = (proxy.getHost() != null) ? proxy.getHost().strip() : "";
		if (host.isEmpty()) {
			if (isSet(proxy)) {
				String property = properties + ((proxy.getPort() != null) ? "port"
						: (proxy.getUsername() != null) ? "username"
								: (proxy.getPassword() != null) ? "password" : "non-proxy-hosts");
				throw new GenesysPropertyException(property,
						(proxy.getPort() != null) ? proxy.getPort() : proxy.getUsername(),
						property + " is set, but " + properties + "host is not.",
						"Set " + properties + "host to the proxy's host, or remove " + properties + "*.");
			}
			return null;
		}
		if (host.contains("@")) {
			// a proxy URL with credentials, as curl takes it: never echoed, as the password is in it
			String masked = withoutUserInfo(host);
			throw new GenesysPropertyException(properties + "host", masked,
					properties + "host '" + masked + "' holds credentials.",
					"Set the proxy's host alone in " + properties + "host, its port in " + properties + "port, and the "
							+ "credentials in " + properties + "username and " + properties + "password.");
		}
		for (String pattern : proxy.getNonProxyHosts()) {
			String bare = pattern.startsWith("*.") ? pattern.substring(2) : pattern.startsWith(".") ? pattern.substring(1)
					: pattern;
			if (bare.isEmpty() || !HOST.matcher(bare).matches()) {
				throw new GenesysPropertyException(properties + "non-proxy-hosts", pattern,
						properties + "non-proxy-hosts has '" + pattern + "', which is neither a host nor a pattern "
								+ "the starter understands.",
						"List host names or IP addresses, or patterns such as *.corp.example (the hosts below "
								+ "corp.example); ranges and other wildcards are not supported.");
			}
		}
		if (!HOST.matcher(host).matches()) {
			URI url = parsedUrl(host);
			String split = (url != null && url.getHost() != null) ? properties + "host=" + url.getHost()
					+ ((url.getPort() != -1) ? " and " + properties + "port=" + url.getPort() : "") : null;
			throw new GenesysPropertyException(properties + "host", host,
					properties + "host '" + host + "' is not a host name.",
					(split != null) ? "Set the host and the port apart: " + split + "."
							: "Set the proxy's bare host name or IP address, such as proxy.corp.example, and its port "
									+ "in " + properties + "port.");
		}
		Integer port = proxy.getPort();
		if (port == null || port < 1 || port > 65535) {
			throw new GenesysPropertyException(properties + "port", port,
					properties + "port is " + port + ", but a proxy needs a port from 1 to 65535.",
					"Set " + properties + "port to the proxy's port, such as 3128 or 8080.");
		}
		if (proxy.getPassword() != null && proxy.getUsername() == null) {
			throw new GenesysPropertyException(properties + "password", null,
					properties + "password is set, but " + properties + "username is not.",
					"Set " + properties + "username for Basic proxy authentication, or remove the password.");
		}
		return new GenesysProxy(properties, host, port, proxy.getUsername(), proxy.getPassword(),
				List.copyOf(proxy.getNonProxyHosts()));
	}

	private static @Nullable URI parsedUrl(String value) {
		try {
			return new URI(value.contains("://") ? value : "http://" + value);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	static GenesysRetrySettings retrySettings(GenesysOAuthProperties properties) {
		GenesysOAuthProperties.Retry retry = properties.getRetry();
		if (retry.getMaxAttempts() < 1) {
			throw new GenesysPropertyException(PREFIX + "retry.max-attempts", retry.getMaxAttempts(),
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

	static GenesysRateLimitSettings rateLimitSettings(GenesysOAuthProperties properties) {
		GenesysOAuthProperties.RateLimit rateLimit = properties.getRateLimit();
		if (rateLimit.getMode() == null) {
			throw new GenesysPropertyException(PREFIX + "rate-limit.mode", null,
					"genesys.oauth.rate-limit.mode is empty.",
					"Set genesys.oauth.rate-limit.mode to pace, warn or off, or remove it not to pace calls.");
		}
		if (rateLimit.getRequestsPerMinute() < 1) {
			throw new GenesysPropertyException(PREFIX + "rate-limit.requests-per-minute",
					rateLimit.getRequestsPerMinute(), "genesys.oauth.rate-limit.requests-per-minute is "
							+ rateLimit.getRequestsPerMinute() + ", but it must be at least 1.",
					"Set genesys.oauth.rate-limit.requests-per-minute to the limit Genesys gave your org (300 unless "
							+ "raised), or set genesys.oauth.rate-limit.mode=off not to pace calls.");
		}
		notNegative(rateLimit.getMaxWait(), "rate-limit.max-wait", "90s");
		return new GenesysRateLimitSettings(rateLimit.getMode(), rateLimit.getRequestsPerMinute(),
				rateLimit.getMaxWait());
	}

	private static void notNegative(@Nullable Duration value, String property, String example) {
		if (value == null || value.isNegative()) {
			throw new GenesysPropertyException(PREFIX + property, value,
					"genesys.oauth." + property + " is " + value + ", but it must not be negative.",
					"Set genesys.oauth." + property + " to a duration such as " + example
							+ ", or remove it to use the default.");
		}
	}

	private static void positive(@Nullable Duration value, String property, String example) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new GenesysPropertyException(PREFIX + property, value,
					"genesys.oauth." + property + " is " + value + ", but it must be a positive duration.",
					"Set genesys.oauth." + property + " to a positive duration such as " + example
							+ ", or remove it to use the default.");
		}
	}

	// What the checks of an org's settings found, as a property problem. The default org's credentials may come from
	// the environment, and it is not the only way to configure the starter: its action says so.
	private static <T> T checked(Supplier<T> settings, boolean defaultOrg) {
		try {
			return settings.get();
		}
		catch (InvalidGenesysPropertyException ex) {
			String property = ex.getProperty();
			String action = ex.getAction();
			boolean credential = property.equals(PREFIX + "client-id") || property.equals(PREFIX + "client-secret");
			if (defaultOrg && credential && action.startsWith("Set " + property + " ")) {
				String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
				action = "Set " + property + " (environment variable " + variable + ")"
						+ action.substring(("Set " + property).length());
				if (property.equals(PREFIX + "client-id")) {
					action = action.substring(0, action.length() - 1) + ", or configure organizations under "
							+ PREFIX + "orgs.<name>.*, or set " + PREFIX + "enabled=false to switch the Genesys client "
							+ "off.";
				}
			}
			throw GenesysPropertyException.of(ex, action);
		}
	}

}
