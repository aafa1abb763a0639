package io.github.genesysoauth.autoconfigure;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The way an org's clients reach Genesys Cloud, token requests and API calls alike: through which proxy, and with
 * which SSL bundle. The default org's comes from {@code genesys.oauth.proxy.*} and {@code genesys.oauth.ssl.bundle}, as
 * does that of every org registered at run time; a named org may have its own. Orgs of equal routes share one HTTP
 * client.
 *
 * @param proxy the proxy, or {@code null} for none
 * @param sslBundle the SSL bundle's name, or {@code null} for Boot's HTTP client settings alone
 * @param sslBundleProperty the property that named the bundle, for messages
 */
record GenesysRoute(@Nullable GenesysProxy proxy, @Nullable String sslBundle, String sslBundleProperty) {

	// equal by where they go, not by the properties that said so: two orgs of the same proxy share one client
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof GenesysRoute route && Objects.equals(key(this.proxy), key(route.proxy))
				&& Objects.equals(this.sslBundle, route.sslBundle);
	}

	@Override
	public int hashCode() {
		return Objects.hash(key(this.proxy), this.sslBundle);
	}

	private static @Nullable List<Object> key(@Nullable GenesysProxy proxy) {
		return (proxy != null) ? Arrays.asList(proxy.host(), proxy.port(), proxy.username(), proxy.password(),
				proxy.nonProxyHosts()) : null;
	}

}
