package io.github.genesysoauth.autoconfigure;

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

}
