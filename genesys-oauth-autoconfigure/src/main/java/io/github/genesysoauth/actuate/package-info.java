/**
 * Token metrics and health for Micrometer and Spring Boot Actuator, per org. It may import {@code region},
 * {@code token}, {@code client} and {@code org}, never {@code sdk}.
 */
@NullMarked
package io.github.genesysoauth.actuate;

import org.jspecify.annotations.NullMarked;
