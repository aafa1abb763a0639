package io.github.genesysoauth.sample;

import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Genesys's organization endpoint as an HTTP interface. Imported into the service group {@code genesys} (see
 * {@link SampleApplication}), it calls the API's base URL with the starter's tokens; nothing else to write. Imported
 * into {@code genesys-second} as well ({@link SecondOrgApiController}), it calls org {@code second} the same way.
 */
@HttpExchange("/api/v2/organizations")
interface OrganizationApi {

	@GetExchange("/me")
	Organization me();

}
