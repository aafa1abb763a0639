package io.github.genesysoauth.sample;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;

/**
 * {@code GET /organization/interface}, the HTTP interface style: the same organization through
 * {@link OrganizationApi}, blocking like {@code genesysRestClient}, as its group is backed by a {@code RestClient}.
 */
@RestController
class OrganizationApiController {

	private final OrganizationApi genesys;

	// by its group: with profile stand-in the interface is also in group genesys-second (SecondOrgApiController)
	OrganizationApiController(HttpServiceProxyRegistry groups) {
		this.genesys = groups.getClient("genesys", OrganizationApi.class);
	}

	@GetMapping("/organization/interface")
	Organization organization() {
		return this.genesys.me();
	}

}
