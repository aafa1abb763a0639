package io.github.genesysoauth.sample;

import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.UnknownGenesysOrgException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /orgs/{org}/organization}, one service for several Genesys organizations: the organization of the named
 * org ({@code default} for the top-level one, or {@code second}, which profile {@code stand-in} configures), through
 * that org's {@code RestClient}. The org is asked of {@link GenesysOrgs} on each request, a map lookup, rather than
 * kept: an org removed or registered again at run time is never called by mistake.
 */
@RestController
class OrgsOrganizationController {

	private final GenesysOrgs orgs;

	OrgsOrganizationController(GenesysOrgs orgs) {
		this.orgs = orgs;
	}

	// only names an org can have: anything else is no org, and Spring MVC answers 404 itself
	@GetMapping("/orgs/{org:[a-z0-9-]+}/organization")
	Organization organization(@PathVariable String org) {
		return this.orgs.org(org).restClient().get().uri("/api/v2/organizations/me").retrieve().body(Organization.class);
	}

	// Only the name goes back to the caller: the exception's message is written for whoever configures the service.
	@ExceptionHandler
	ProblemDetail unknownOrg(UnknownGenesysOrgException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"This service knows no Genesys org '" + ex.getOrgName() + "'.");
		problem.setTitle("Unknown Genesys org");
		return problem;
	}

}
