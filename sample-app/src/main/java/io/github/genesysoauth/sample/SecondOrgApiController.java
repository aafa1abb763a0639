package io.github.genesysoauth.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.service.registry.HttpServiceProxyRegistry;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * {@code GET /orgs/second/organization/interface}: the same {@link OrganizationApi}, imported a second time into the
 * service group {@code genesys-second}, which the starter gives org {@code second}'s API base URL and tokens. Only
 * where that org is configured (profile {@code stand-in} does it): a group {@code genesys-<name>} whose org is unknown
 * at start-up stops the application, unless {@code spring.http.serviceclient.genesys-<name>.base-url} is set.
 */
@RestController
@ConditionalOnProperty(prefix = "genesys.oauth.orgs.second", name = "client-id")
@ImportHttpServices(group = "genesys-second", types = OrganizationApi.class)
class SecondOrgApiController {

	private final OrganizationApi second;

	// one interface in two groups makes two beans of its type: each is asked for by its group
	SecondOrgApiController(HttpServiceProxyRegistry groups) {
		this.second = groups.getClient("genesys-second", OrganizationApi.class);
	}

	@GetMapping("/orgs/second/organization/interface")
	Organization organization() {
		return this.second.me();
	}

}
