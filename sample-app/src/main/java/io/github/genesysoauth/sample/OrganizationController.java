package io.github.genesysoauth.sample;

import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * {@code GET /organization}, the reactive style: the organization whose OAuth client this service runs as, through
 * {@code genesysWebClient}. No thread waits for Genesys: Spring MVC answers when the {@code Mono} does.
 */
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

}
