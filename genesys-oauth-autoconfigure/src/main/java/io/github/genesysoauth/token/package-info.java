/**
 * The token engine: one org's access tokens, obtained over the client-credentials grant in a single flight,
 * renewed in the background, paused after failures, with their observations and the errors they end in. It may import
 * {@code region} alone of the starter, and names no property: how messages name settings comes in as
 * {@link io.github.genesysoauth.token.GenesysSettingNames}.
 */
@NullMarked
package io.github.genesysoauth.token;

import org.jspecify.annotations.NullMarked;
