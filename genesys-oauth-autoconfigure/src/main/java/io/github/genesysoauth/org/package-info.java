/**
 * Every Genesys org an application calls: the registry, each org's settings, tokens and clients, made on first use
 * and released when idle. It may import {@code region}, {@code token} and {@code client}; types an application may lack
 * (WebClient) stay in classes of their own, so that {@link io.github.genesysoauth.org.GenesysOrg} and
 * {@link io.github.genesysoauth.org.GenesysOrgs} load without them.
 */
@NullMarked
package io.github.genesysoauth.org;

import org.jspecify.annotations.NullMarked;
