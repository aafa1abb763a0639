package io.github.genesysoauth.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.service.registry.ImportHttpServices;

/**
 * A Spring MVC service that reads its Genesys Cloud organization in the three styles the starter offers, one
 * endpoint each: reactive on {@code genesysWebClient}, blocking on {@code genesysRestClient}, and through an HTTP
 * interface. All three share the default org's single token source. {@code /orgs/{org}/organization} serves any org
 * the starter knows by name, through {@code GenesysOrgs}; with profile {@code stand-in} that is {@code default} and
 * {@code second}, two OAuth clients of two organizations on the one embedded stand-in.
 */
@SpringBootApplication
// group "genesys" is the one the starter gives the API's base URL and tokens; any other name gets neither
@ImportHttpServices(group = "genesys", types = OrganizationApi.class)
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
