package io.github.genesysoauth.org;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Every Genesys org's reactive Platform API client, where WebClient is on the classpath (bean
 * {@code genesysOrgWebClients}): built from Boot's {@code WebClient.Builder}, with the org's tokens and the call
 * policy of every other client; the default org's is {@code genesysWebClient}.
 */
public final class GenesysOrgWebClients extends GenesysOrgClients<WebClient> {

	private final Function<String, WebClient.Builder> builders;

	/**
	 * @param orgs the orgs
	 * @param defaultClient {@code genesysWebClient}, or {@code null} where there is no default org
	 * @param builders gives a fresh {@code WebClient.Builder} for each org
	 */
	public GenesysOrgWebClients(GenesysOrgs orgs, Supplier<@Nullable WebClient> defaultClient,
			Supplier<WebClient.Builder> builders) {
		this(orgs, defaultClient, (orgName) -> builders.get());
	}

	/**
	 * @param orgs the orgs
	 * @param defaultClient {@code genesysWebClient}, or {@code null} where there is no default org
	 * @param builders gives a fresh {@code WebClient.Builder} for each org, by the org's name (its route: proxy and
	 * trust)
	 */
	public GenesysOrgWebClients(GenesysOrgs orgs, Supplier<@Nullable WebClient> defaultClient,
			Function<String, WebClient.Builder> builders) {
		super(orgs, defaultClient);
		this.builders = Objects.requireNonNull(builders, "builders");
	}

	/**
	 * The WebClient of the org of that name.
	 * @param orgName the org's name, {@code default} included
	 * @return its WebClient
	 * @throws UnknownGenesysOrgException when there is no such org
	 */
	public WebClient webClient(String orgName) {
		return client(orgName);
	}

	@Override
	protected WebClient create(GenesysOrg org, GenesysOrgs orgs) {
		return this.builders.apply(org.name())
			.baseUrl(org.settings().orElseThrow().apiBaseUrl().toString())
			.filter(GenesysOrgExchangeFilters.routing(() -> orgs.exchangeFilter(org)))
			.build();
	}

	@Override
	protected String describe() {
		return "genesysWebClient";
	}

}
