/**
 * Genesys's Java SDK over the starter's clients: an {@code ApiClient} whose requests travel through an org's
 * RestClient, and every org's SDK client. It may import {@code region}, {@code token}, {@code client} and {@code org},
 * and is loaded only where the SDK is on the classpath.
 */
@NullMarked
package io.github.genesysoauth.sdk;

import org.jspecify.annotations.NullMarked;
