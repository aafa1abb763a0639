package io.github.genesysoauth.org;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;

/**
 * One Genesys Cloud organization, as {@link GenesysOrgs#org(String)} gives it: its own token single flight and
 * Platform API clients with the full resilience of the default ones, nothing shared with other orgs but
 * configuration.
 *
 * <p>Its clients stay usable for as long as the org is registered: when an org registered at run time has been idle
 * long enough to release its token, its next call obtains a new one. After {@link GenesysOrgs#remove(String)} (or a
 * registration of other endpoints under its name) they fail with {@link UnknownGenesysOrgException}. Ask
 * {@link GenesysOrgs} for the org on each use (a map lookup) rather than keeping it, and a removed org is never
 * called by mistake.
 *
 * <p>It names only types of the starter's own dependencies: an org's WebClient and SDK client come from
 * {@link GenesysOrgWebClients} and {@code GenesysOrgApiClients} (beans {@code genesysOrgWebClients} and
 * {@code genesysOrgApiClients}), so that an application without them can still reflect over this type. Declare the
 * clients an application injects as beans, e.g.
 * {@code @Bean RestClient acmeGenesys(GenesysOrgs orgs) { return orgs.org("acme").restClient(); }}.
 */
public final class GenesysOrg {

	/** Where an org comes from; decides whether it is released when idle and how health reports it. */
	enum Origin {

		/** The top-level {@code genesys.oauth.*} properties: the application's own beans. */
		DEFAULT,

		/** {@code genesys.oauth.orgs.<name>.*}: kept for the application's life. */
		PROPERTIES,

		/** {@link GenesysOrgs#register}: released when idle. */
		REGISTERED,

		/** A {@link GenesysOrgSettingsProvider}: released when idle. */
		PROVIDED

	}

	/** How an org's parts are reached: the default org's beans, or the parts {@link GenesysOrgs} keeps. */
	interface Parts {

		GenesysApiCallPolicy policy(GenesysOrg org);

		RestClient restClient(GenesysOrg org);

	}

	private final String name;

	private final Origin origin;

	private final Parts parts;

	private volatile @Nullable GenesysOrgSettings settings;

	private volatile @Nullable ClientRegistration registration;

	private volatile boolean removed;

	// what watches the org's latest parts: kept after an idle release, so that a removal still forgets its meters
	private volatile GenesysOrgObserver.@Nullable Watch watch;

	private volatile @Nullable RestClient restClient;

	// the clients of the other styles (GenesysOrgClients), made on first use
	private final ConcurrentMap<GenesysOrgClients<?>, Object> clients = new ConcurrentHashMap<>();

	GenesysOrg(String name, Origin origin, Parts parts, @Nullable GenesysOrgSettings settings) {
		this.name = name;
		this.origin = origin;
		this.parts = parts;
		this.settings = settings;
	}

	/**
	 * The default org, made of the application's beans.
	 * @param policy the default call policy ({@code genesysApiCallPolicy})
	 * @param restClient {@code genesysRestClient}
	 * @return the default org
	 */
	public static GenesysOrg ofDefault(Supplier<GenesysApiCallPolicy> policy, Supplier<RestClient> restClient) {
		return new GenesysOrg(GenesysOrgs.DEFAULT, Origin.DEFAULT, new Parts() {

			@Override
			public GenesysApiCallPolicy policy(GenesysOrg org) {
				return policy.get();
			}

			@Override
			public RestClient restClient(GenesysOrg org) {
				return restClient.get();
			}

		}, null);
	}

	/** {@return the org's name: {@code default}, or the name it was configured or registered with} */
	public String name() {
		return this.name;
	}

	/**
	 * The org's settings; empty for the default org, whose registration is a bean.
	 * @return the settings, if the org was configured by name or registered
	 */
	public Optional<GenesysOrgSettings> settings() {
		return Optional.ofNullable(this.settings);
	}

	/**
	 * This org's token source: its own single flight and failure pauses. For an org registered at run time or
	 * provided, the source of the moment: it is closed when the org is released for being idle, so ask again rather
	 * than keeping it.
	 * @return the org's token source
	 */
	public GenesysAccessTokens accessTokens() {
		return policy().tokens();
	}

	/** {@return the blocking Platform API client of this org, built from Boot's {@code RestClient.Builder}} */
	public RestClient restClient() {
		RestClient client = this.restClient;
		if (client == null) {
			synchronized (this) {
				client = this.restClient;
				if (client == null) {
					client = this.parts.restClient(this);
					this.restClient = client;
				}
			}
		}
		return client;
	}

	// the default org's filter, made once; a GenesysApiExchangeFilter, typed Object so WebClient need not be present
	private volatile @Nullable Object exchangeFilter;

	Object exchangeFilter() {
		Object filter = this.exchangeFilter;
		if (filter == null) {
			filter = GenesysOrgExchangeFilters.filter(policy());
			this.exchangeFilter = filter;
		}
		return filter;
	}

	/** This org's client of another style, made once until the org is released. */
	Object client(GenesysOrgClients<?> style, Supplier<Object> maker) {
		Object client = this.clients.get(style);
		return (client != null) ? client : this.clients.computeIfAbsent(style, (key) -> maker.get());
	}

	/** {@return the call policy the org's clients carry out, with its token source} */
	public GenesysApiCallPolicy policy() {
		return this.parts.policy(this);
	}

	Origin origin() {
		return this.origin;
	}

	boolean isRemoved() {
		return this.removed;
	}

	/** Forgets the clients made for this org; clients already handed out keep working. */
	synchronized void releaseClients() {
		if (this.origin != Origin.DEFAULT) {
			this.restClient = null;
			this.clients.clear();
		}
	}

	void watchedBy(GenesysOrgObserver.Watch watch) {
		this.watch = watch;
	}

	/** Tells the org's watch it is gone for good, if it ever had parts. */
	void forgetWatch() {
		GenesysOrgObserver.Watch last = this.watch;
		if (last != null) {
			last.forget().run();
		}
	}

	void markRemoved() {
		this.removed = true;
	}

	/** Takes new credentials for the same endpoints: the next token request uses them. */
	void update(GenesysOrgSettings settings) {
		this.settings = settings;
	}

	/** The registration for the next token request: the current settings', remade only when they changed. */
	ClientRegistration registration() {
		GenesysOrgSettings current = Objects.requireNonNull(this.settings, "settings");
		ClientRegistration last = this.registration;
		if (last == null || !last.getClientId().equals(current.clientId())
				|| !last.getClientSecret().equals(current.clientSecret())) {
			last = current.clientRegistration("genesys-" + this.name);
			this.registration = last;
		}
		return last;
	}

	@Override
	public String toString() {
		return "GenesysOrg[" + this.name + "]";
	}

}
