package io.github.genesysoauth.org;

import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The clients of one style (WebClient, Genesys's SDK) for every Genesys org, made on an org's first use and kept with
 * the org: forgotten when it is released for being idle or removed. A style whose types an application may lack
 * lives in its own subclass, apart from {@link GenesysOrg}, so that the org and its registry name only types of the
 * starter's own dependencies. An application needs one of each style (the auto-configuration's bean): each keeps
 * its own client per org.
 * @param <C> the client type
 */
public abstract class GenesysOrgClients<C> {

	private final GenesysOrgs orgs;

	private final Supplier<? extends @Nullable C> defaultClient;

	/**
	 * @param orgs the orgs
	 * @param defaultClient the default org's client, a bean; gives {@code null} where there is none
	 */
	protected GenesysOrgClients(GenesysOrgs orgs, Supplier<? extends @Nullable C> defaultClient) {
		this.orgs = Objects.requireNonNull(orgs, "orgs");
		this.defaultClient = Objects.requireNonNull(defaultClient, "defaultClient");
	}

	/**
	 * The client of the org of that name, as {@link GenesysOrgs#org(String)} finds it.
	 * @param orgName the org's name, {@code default} included
	 * @return the client
	 * @throws UnknownGenesysOrgException when there is no such org
	 */
	public C client(String orgName) {
		return client(this.orgs.org(orgName));
	}

	/**
	 * The client of this org.
	 * @param org an org of these orgs
	 * @return the client
	 */
	@SuppressWarnings("unchecked")
	public C client(GenesysOrg org) {
		if (org.origin() == GenesysOrg.Origin.DEFAULT) {
			C client = this.defaultClient.get();
			if (client == null) {
				throw new IllegalStateException("The default Genesys org has no " + describe() + " bean");
			}
			return client;
		}
		this.orgs.checkCurrent(org);
		C client = (C) org.client(this, () -> create(org, this.orgs));
		if (org.isRemoved()) {
			// removed while its client was made: it must not be kept for a stale reference
			org.releaseClients();
			this.orgs.checkCurrent(org);
		}
		return client;
	}

	/**
	 * Makes the client of an org other than the default one.
	 * @param org the org
	 * @param orgs the orgs, which find the org's parts for each call
	 * @return the client
	 */
	protected abstract C create(GenesysOrg org, GenesysOrgs orgs);

	/** {@return what the clients are, for messages: {@code WebClient}, say} */
	protected abstract String describe();

}
