package io.github.genesysoauth.sample;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/** {@code GET /organization}: the organization whose OAuth client this service runs as. */
@RestController
class OrganizationController {

	private final WebClient genesys;

	OrganizationController(@Qualifier("genesysWebClient") WebClient genesys) {
		this.genesys = genesys;
	}

	@GetMapping("/organization")
	Mono<Organization> organization() {
		return this.genesys.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(Organization.class);
	}

	/** The fields of Genesys's organization this sample shows. */
	record Organization(String id, String name, String domain, String state, String defaultLanguage) {
	}

}
