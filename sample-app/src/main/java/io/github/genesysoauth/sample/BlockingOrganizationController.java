package io.github.genesysoauth.sample;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code GET /organization/blocking}, the blocking style: the same organization through {@code genesysRestClient},
 * which waits on the calling thread, here one of Tomcat's request threads, as a servlet application's calls do.
 */
@RestController
class BlockingOrganizationController {

	private final RestClient genesys;

	BlockingOrganizationController(@Qualifier("genesysRestClient") RestClient genesys) {
		this.genesys = genesys;
	}

	@GetMapping("/organization/blocking")
	Organization organization() {
		return this.genesys.get().uri("/api/v2/organizations/me").retrieve().body(Organization.class);
	}

}
