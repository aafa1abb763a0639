package io.github.genesysoauth.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /organization/interface}, the HTTP interface style: the same organization through
 * {@link OrganizationApi}, blocking like {@code genesysRestClient}, as its group is backed by a {@code RestClient}.
 */
@RestController
class OrganizationApiController {

	private final OrganizationApi genesys;

	OrganizationApiController(OrganizationApi genesys) {
		this.genesys = genesys;
	}

	@GetMapping("/organization/interface")
	Organization organization() {
		return this.genesys.me();
	}

}
