/**
 * Spring Boot auto-configuration: one class per concern, the properties, their checks and start-up failure reports.
 * The top layer, the only one that knows property names; it may import every other package of the starter.
 */
@NullMarked
package io.github.genesysoauth.autoconfigure;

import org.jspecify.annotations.NullMarked;
