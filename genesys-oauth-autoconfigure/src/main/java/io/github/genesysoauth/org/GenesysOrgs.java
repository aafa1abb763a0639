package io.github.genesysoauth.org;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import io.github.genesysoauth.org.LiveOrgs.Live;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysSettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The Genesys Cloud organizations an application calls: the default org of {@code genesys.oauth.*}, the named orgs of
 * {@code genesys.oauth.orgs.<name>.*}, orgs {@link #register registered} at run time, and orgs a
 * {@link GenesysOrgSettingsProvider} finds on first use. Each org has its own token single flight and failure pauses,
 * and its clients carry out the same call policy as the default ones: one org's wrong secret, outage, 401s or 429s
 * never touch another's calls.
 *
 * <p>An org costs its settings until it is first used; then its token source and policy are made. An org registered
 * at run time or provided, unused for the idle timeout, releases them (its token is forgotten and its token work
 * stops) and makes them again on its next use. Orgs configured by properties are kept.
 *
 * <p>This class is the registry; the parts of the orgs in use and their idle release are {@code LiveOrgs}', lookups
 * through the provider {@code OrgLookups}'.
 */
public final class GenesysOrgs implements AutoCloseable {

	/** Name of the default org, the one of the top-level {@code genesys.oauth.*} properties. */
	public static final String DEFAULT = GenesysAccessTokens.DEFAULT_ORG;

	private static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

	private final @Nullable GenesysOrg defaultOrg;

	private final ConcurrentMap<String, CompletableFuture<GenesysOrg>> orgs = new ConcurrentHashMap<>();

	private final LiveOrgs live;

	private final @Nullable OrgLookups lookups;

	private final Function<String, RestClient.Builder> restClientBuilders;

	private final GenesysOrg.Parts managedParts = new ManagedParts();

	private final List<String> configuredNames;

	private final Function<String, GenesysSettingNames> settingNames;

	private volatile boolean closed;

	GenesysOrgs(GenesysOrgsBuilder builder) {
		this.defaultOrg = builder.defaultOrg;
		this.live = new LiveOrgs(builder.assembly, builder.idleTimeout, builder.clock);
		this.lookups = (builder.provider != null) ? new OrgLookups(builder.provider, builder.lookupTimeout, this.orgs,
				(name, settings) -> managed(name, GenesysOrg.Origin.PROVIDED, settings)) : null;
		this.restClientBuilders = builder.restClientBuilders;
		this.configuredNames = List.copyOf(builder.configured.keySet());
		this.settingNames = builder.settingNames;
		builder.configured.forEach((name, settings) -> this.orgs.put(name,
				CompletableFuture.completedFuture(managed(name, GenesysOrg.Origin.PROPERTIES, settings))));
	}

	/**
	 * Starts describing the orgs.
	 * @param assembly makes an org's policy and token source on its first use
	 * @param restClientBuilder gives a fresh {@code RestClient.Builder} for each org's blocking client
	 * @return a builder
	 */
	public static GenesysOrgsBuilder builder(GenesysOrgAssembler assembly,
			Supplier<RestClient.Builder> restClientBuilder) {
		return new GenesysOrgsBuilder(assembly, restClientBuilder);
	}

	/**
	 * Whether a name can name an org: lower-case letters, digits and {@code -}.
	 * @param name the name
	 * @return whether it is usable
	 */
	public static boolean isValidName(@Nullable String name) {
		return name != null && NAME.matcher(name).matches();
	}

	/**
	 * {@return whether there is a default org, that of {@code genesys.oauth.client-id} or the application's
	 * registration}
	 */
	public boolean hasDefault() {
		return this.defaultOrg != null;
	}

	/**
	 * The org of that name: {@code default}, one configured or registered, or one the
	 * {@link GenesysOrgSettingsProvider} finds (asked once per name; concurrent callers wait for its one answer, at
	 * most the lookup timeout).
	 * @param name the org's name
	 * @return the org
	 * @throws UnknownGenesysOrgException when there is no such org
	 */
	public GenesysOrg org(String name) {
		if (DEFAULT.equals(name)) {
			if (this.defaultOrg == null) {
				throw new UnknownGenesysOrgException(name, "There is no default Genesys org: "
						+ this.settingNames.apply(DEFAULT).org("client-id")
						+ " is not set. Set it, or ask for one of the named orgs.");
			}
			return this.defaultOrg;
		}
		GenesysOrg known = resolved(this.orgs.get(name));
		if (known != null) {
			return known;
		}
		if (!isValidName(name)) {
			throw new UnknownGenesysOrgException(String.valueOf(name), "There is no Genesys org '" + name
					+ "': org names are lower-case letters, digits and '-'.");
		}
		return lookUp(name);
	}

	/**
	 * Registers an org, or changes one. A new secret of the same OAuth client takes effect at the org's next token
	 * request; another OAuth client for the same endpoints gets a new token source at once (no call started
	 * afterwards carries the old client's token); either way the org's clients stay as they are. Other endpoints
	 * replace the org, whose clients then fail as after {@link #remove}. An org of properties takes only a new secret.
	 * @param name the org's name, lower-case letters, digits and {@code -}; not {@code default}
	 * @param settings its settings
	 * @return the org
	 */
	public GenesysOrg register(String name, GenesysOrgSettings settings) {
		checkedName(name);
		Objects.requireNonNull(settings, "settings");
		checkOpen();
		for (;;) {
			CompletableFuture<GenesysOrg> existing = this.orgs.get(name);
			GenesysOrg current = resolved(existing);
			if (current != null && current.origin() == GenesysOrg.Origin.PROPERTIES) {
				return rotateConfigured(current, settings);
			}
			if (current != null && current.settings().map(settings::sameEndpoints).orElse(false)) {
				boolean otherClient = !current.settings().get().clientId().equals(settings.clientId());
				current.update(settings);
				if (otherClient) {
					// another OAuth client, perhaps of another organization: its token must not be the old one's
					this.live.release(current);
				}
				return current;
			}
			GenesysOrg replacement = managed(name, GenesysOrg.Origin.REGISTERED, settings);
			CompletableFuture<GenesysOrg> registered = CompletableFuture.completedFuture(replacement);
			boolean done = (existing != null) ? this.orgs.replace(name, existing, registered)
					: this.orgs.putIfAbsent(name, registered) == null;
			if (done) {
				if (current != null) {
					retire(current);
				}
				else if (existing != null) {
					// a lookup in progress: its callers get this registration
					existing.complete(replacement);
				}
				return replacement;
			}
		}
	}

	// An org of properties belongs to them (its health entry, its group): only its secret may be rotated at run time.
	private GenesysOrg rotateConfigured(GenesysOrg configured, GenesysOrgSettings settings) {
		GenesysOrgSettings current = configured.settings().orElseThrow();
		if (!current.sameEndpoints(settings) || !current.clientId().equals(settings.clientId())) {
			throw new IllegalArgumentException("Genesys org '" + configured.name() + "' is configured by "
					+ this.settingNames.apply(configured.name()).orgSettings() + ": change those settings to change "
					+ "its client or endpoints; at run time only its client secret can be registered anew");
		}
		configured.update(settings);
		return configured;
	}

	/**
	 * Removes an org: its token work stops, calls waiting for its token fail, and later calls through its clients
	 * fail with {@link UnknownGenesysOrgException}. A provider is asked again on its next use.
	 * @param name the org's name
	 * @return whether there was such an org
	 */
	public boolean remove(String name) {
		if (DEFAULT.equals(name)) {
			throw new IllegalArgumentException("The default Genesys org belongs to "
					+ this.settingNames.apply(DEFAULT).orgSettings() + "; it cannot be removed at run time");
		}
		GenesysOrg known = resolved(this.orgs.get(name));
		if (known != null && known.origin() == GenesysOrg.Origin.PROPERTIES) {
			throw new IllegalArgumentException("Genesys org '" + name + "' is configured by "
					+ this.settingNames.apply(name).orgSettings() + "; it cannot be removed at run time");
		}
		CompletableFuture<GenesysOrg> removed = this.orgs.remove(name);
		if (removed == null) {
			return false;
		}
		GenesysOrg retired = resolved(removed);
		if (retired != null) {
			retire(retired);
		}
		else {
			removed.completeExceptionally(removedException(name));
		}
		return true;
	}

	/** {@return the names of the orgs configured by properties, in their order} */
	public List<String> configuredNames() {
		return this.configuredNames;
	}

	/**
	 * How many orgs registered at run time or provided there are, how many are in use (hold their token source), and
	 * how many of those failed their last token request; for health, without naming them.
	 * @return the counts
	 */
	public RunTimeOrgs runTimeOrgs() {
		int registered = (int) this.orgs.values()
			.stream()
			.map(GenesysOrgs::origin)
			.filter((origin) -> origin == GenesysOrg.Origin.REGISTERED || origin == GenesysOrg.Origin.PROVIDED)
			.count();
		int[] counts = new int[2];
		this.live.forEach((entry) -> {
			if (entry.getKey().origin() != GenesysOrg.Origin.PROPERTIES) {
				counts[0]++;
				if (entry.getValue().policy.tokens().state().lastFailure() != null) {
					counts[1]++;
				}
			}
		});
		return new RunTimeOrgs(registered, counts[0], counts[1]);
	}

	/**
	 * An interceptor that sends each request with the named org's tokens and policy, looking the org up for each call:
	 * for clients built elsewhere, such as an HTTP service group's, which follow a registration made after they were
	 * built.
	 * @param name the org's name, {@code default} included
	 * @return the interceptor
	 */
	public ClientHttpRequestInterceptor requestInterceptor(String name) {
		if (DEFAULT.equals(name)) {
			return GenesysApiRequestInterceptor.of(org(DEFAULT).policy());
		}
		checkedName(name);
		return new GenesysOrgRequestInterceptor(() -> live(org(name)).interceptor);
	}

	/** Whether the org is at hand without a provider's lookup. */
	boolean isKnown(String name) {
		if (DEFAULT.equals(name)) {
			return true;
		}
		return resolved(this.orgs.get(name)) != null;
	}

	/** The org's filter for this call, a {@code GenesysApiExchangeFilter}; see {@link GenesysOrgWebClients}. */
	Object exchangeFilter(GenesysOrg org) {
		return live(org).filter();
	}

	/** The named org's filter for this call, a {@code GenesysApiExchangeFilter}; see {@link GenesysOrgExchangeFilters}. */
	Object exchangeFilterOf(String name) {
		return DEFAULT.equals(name) ? org(DEFAULT).exchangeFilter() : live(org(name)).filter();
	}

	/** As {@link #exchangeFilterOf}, for an org known now: never a provider's lookup, which may block. */
	Object knownExchangeFilterOf(String name) {
		if (DEFAULT.equals(name)) {
			return org(DEFAULT).exchangeFilter();
		}
		GenesysOrg known = resolved(this.orgs.get(name));
		if (known == null) {
			throw removedException(name);
		}
		return live(known).filter();
	}

	/** Releases the parts of orgs idle for longer than the idle timeout now, rather than on the next access. */
	public void releaseIdle() {
		this.live.releaseIdle();
	}

	/** Stops every org's token work; the default org's beans are closed by their context. */
	@Override
	public void close() {
		this.closed = true;
		this.orgs.values().forEach((org) -> {
			GenesysOrg known = resolved(org);
			if (known != null) {
				known.markRemoved();
			}
		});
		this.live.releaseAll();
	}

	private static GenesysOrg.@Nullable Origin origin(CompletableFuture<GenesysOrg> org) {
		GenesysOrg known = resolved(org);
		return (known != null) ? known.origin() : null;
	}

	// the org a registration holds, or null while a provider's lookup runs, after it failed, or for no registration
	private static @Nullable GenesysOrg resolved(@Nullable CompletableFuture<GenesysOrg> org) {
		return (org != null && org.isDone() && !org.isCompletedExceptionally()) ? org.join() : null;
	}

	private GenesysOrg managed(String name, GenesysOrg.Origin origin, GenesysOrgSettings settings) {
		return new GenesysOrg(name, origin, this.managedParts, settings);
	}

	private GenesysOrg lookUp(String name) {
		checkOpen();
		if (this.lookups == null) {
			throw new UnknownGenesysOrgException(name, "There is no Genesys org '" + name + "'. Configure it with "
					+ this.settingNames.apply(name).orgSettings() + ", register it with GenesysOrgs.register, or declare a "
					+ "GenesysOrgSettingsProvider bean that finds it.");
		}
		return this.lookups.lookUp(name);
	}

	static String checkedName(String name) {
		if (DEFAULT.equals(name)) {
			throw new IllegalArgumentException("'default' names the default Genesys org; give a named org another "
					+ "name");
		}
		if (!isValidName(name)) {
			throw new IllegalArgumentException("'" + name + "' is not a Genesys org name: use lower-case letters, "
					+ "digits and '-', as in acme-prod");
		}
		return name;
	}

	private void checkOpen() {
		if (this.closed) {
			throw new IllegalStateException("The Genesys orgs are closed: the application is shutting down");
		}
	}

	/**
	 * Fails unless the org is the one of its name here now: a removed org, or an org of other orgs, gets no client.
	 */
	void checkCurrent(GenesysOrg org) {
		checkOpen();
		if (org.isRemoved()) {
			throw removedException(org.name());
		}
		if (resolved(this.orgs.get(org.name())) != org) {
			throw new UnknownGenesysOrgException(org.name(), "Genesys org '" + org.name() + "' is not one of these "
					+ "orgs: ask the GenesysOrgs it came from for its clients");
		}
	}

	private void retire(GenesysOrg org) {
		org.markRemoved();
		this.live.release(org);
		org.releaseClients();
		// released for being idle before: no parts to close, but its meters are still to be forgotten
		org.forgetWatch();
	}

	private static UnknownGenesysOrgException removedException(String name) {
		return new UnknownGenesysOrgException(name, "Genesys org '" + name + "' was removed, or registered again "
				+ "with other endpoints. Ask GenesysOrgs for it again (GenesysOrgs.org(\"" + name + "\")) for each use "
				+ "rather than keeping it.");
	}

	/** The org's parts, made on first use and after a release; a removed org gets none. */
	private Live live(GenesysOrg org) {
		checkOpen();
		if (org.isRemoved()) {
			throw removedException(org.name());
		}
		Live parts = this.live.of(org);
		if (org.isRemoved() || this.closed) {
			// removed (or closed) while its parts were made: they must not serve a call
			this.live.release(org);
			checkOpen();
			throw removedException(org.name());
		}
		return parts;
	}

	/**
	 * Orgs registered at run time or provided, counted without naming them.
	 *
	 * @param registered how many there are
	 * @param active how many hold a token source now
	 * @param failing how many of those failed their last token request
	 */
	public record RunTimeOrgs(int registered, int active, int failing) {
	}

	/** Clients of managed orgs: each call goes to the org's current parts, made again after a release. */
	private final class ManagedParts implements GenesysOrg.Parts {

		@Override
		public GenesysApiCallPolicy policy(GenesysOrg org) {
			return live(org).policy;
		}

		@Override
		public RestClient restClient(GenesysOrg org) {
			return GenesysOrgs.this.restClientBuilders.apply(org.name())
				.baseUrl(org.settings().orElseThrow().apiBaseUrl().toString())
				.requestInterceptor(new GenesysOrgRequestInterceptor(() -> live(org).interceptor))
				.build();
		}

	}

}
