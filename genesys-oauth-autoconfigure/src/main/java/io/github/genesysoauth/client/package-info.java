/**
 * The one call policy of the Platform API clients (when to renew, retry, wait, fail, and follow a redirect) and
 * its transports for RestClient and WebClient. It may import {@code region} and {@code token} of the starter.
 */
@NullMarked
package io.github.genesysoauth.client;

import org.jspecify.annotations.NullMarked;
