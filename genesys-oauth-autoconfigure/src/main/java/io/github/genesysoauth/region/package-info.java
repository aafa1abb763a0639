/**
 * Genesys Cloud regions and the login and API hosts they give: a table of facts, with no Spring in it.
 * The lowest layer: it imports nothing of the starter.
 */
@NullMarked
package io.github.genesysoauth.region;

import org.jspecify.annotations.NullMarked;
