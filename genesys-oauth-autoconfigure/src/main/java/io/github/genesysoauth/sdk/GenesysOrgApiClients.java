package io.github.genesysoauth.sdk;

import java.util.function.Supplier;

import com.mypurecloud.sdk.v2.ApiClient;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.UnknownGenesysOrgException;
import org.jspecify.annotations.Nullable;

/**
 * Every Genesys org's client of Genesys's Java SDK, where {@code com.mypurecloud:platform-client-v2} is on the
 * classpath (bean {@code genesysOrgApiClients}): its base path is the org's API, and every request it sends goes
 * through the org's {@link GenesysOrg#restClient()}, with the org's tokens and recovery; its own login calls are
 * never made. The default org's is {@code genesysApiClient}.
 */
public final class GenesysOrgApiClients extends GenesysOrgClients<ApiClient> {

	/**
	 * @param orgs the orgs
	 * @param defaultClient {@code genesysApiClient}, or {@code null} where there is no default org
	 */
	public GenesysOrgApiClients(GenesysOrgs orgs, Supplier<@Nullable ApiClient> defaultClient) {
		super(orgs, defaultClient);
	}

	/**
	 * The SDK client of the org of that name.
	 * @param orgName the org's name, {@code default} included
	 * @return its SDK client
	 * @throws UnknownGenesysOrgException when there is no such org
	 */
	public ApiClient apiClient(String orgName) {
		return client(orgName);
	}

	@Override
	protected ApiClient create(GenesysOrg org, GenesysOrgs orgs) {
		return GenesysApiClients.create(org.restClient(), org.settings().orElseThrow().apiBaseUrl());
	}

	@Override
	protected String describe() {
		return "genesysApiClient";
	}

}
