package io.github.genesysoauth.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A fleet as stock Spring Security holds it, for the many-orgs comparison (12 to 14): a {@link ClientRegistration}
 * for each org in one repository, called through one WebClient with each registration's id as a request attribute.
 */
final class StockOrgs {

	private StockOrgs() {
	}

	static InMemoryReactiveClientRegistrationRepository registrations(Fleet fleet, LocalGenesys genesys) {
		List<ClientRegistration> registrations = new ArrayList<>(fleet.size());
		fleet.forEach((i) -> registrations.add(registration(fleet, i, genesys)));
		return new InMemoryReactiveClientRegistrationRepository(registrations);
	}

	// as GenesysOrgSettings builds an org's registration, from the org's own strings
	static ClientRegistration registration(Fleet fleet, int i, LocalGenesys genesys) {
		return ClientRegistration.withRegistrationId(fleet.name(i))
			.clientId(fleet.clientId(i))
			.clientSecret(fleet.secret(i))
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(genesys.tokenUri())
			.build();
	}

	static WebClient webClient(WebClient.Builder builder, LocalGenesys genesys,
			InMemoryReactiveClientRegistrationRepository registrations) {
		return builder.clone()
			.baseUrl(genesys.baseUrl())
			.filter(Clients.stockFilter(registrations, builder.clone().build()))
			.build();
	}

	static Callers calls(WebClient client, Fleet fleet) {
		return Callers.ofRequests((i) -> client.get()
			.uri(Load.PATH)
			.attributes(ServerOAuth2AuthorizedClientExchangeFilterFunction.clientRegistrationId(fleet.name(i))));
	}

}
