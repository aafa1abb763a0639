package io.github.genesysoauth.test.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link io.github.genesysoauth.test.GenesysCloudStandIn} with the Spring test context and points
 * {@code genesys.oauth.client-id}, {@code client-secret}, {@code token-uri} and {@code api-base-url} at it; the
 * stand-in is a bean, so tests can {@code @Autowired} it to inject faults and read its counters. Before each test
 * its faults are healed and its counters set back to zero, as a cached context is shared between test classes.
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureGenesysCloudStandIn
 * class OrganizationServiceTest {
 *     @Autowired GenesysCloudStandIn genesys;
 *     @Autowired OrganizationService service;
 *
 *     @Test
 *     void survivesA503() {
 *         genesys.failApiRequests(1, ApiFault.status(503));
 *         assertThat(service.organizationName()).isEqualTo("Stand-in Organization");
 *     }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureGenesysCloudStandIn {

	/** {@return lifetime of the tokens it issues, in seconds; Genesys's default unless set} */
	long tokenLifetimeSeconds() default 86399;

	/** {@return platform API requests allowed per minute per token; 0 for no limit, 300 for Genesys's own} */
	int rateLimitPerMinute() default 0;

	/** {@return HTTP status of its {@code invalid_client} answers: 400 or 401} */
	int credentialsRefusedStatus() default 400;

}
