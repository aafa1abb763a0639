package io.github.genesysoauth.org;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

/**
 * Lookups of orgs a {@link GenesysOrgSettingsProvider} finds: one per name however many callers ask at once, on the
 * first caller's thread, the others waiting at most the lookup timeout. A lookup that fails, finds nothing or takes
 * too long is not remembered, so the next call asks again.
 */
final class OrgLookups {

	private final GenesysOrgSettingsProvider provider;

	private final Duration timeout;

	private final ConcurrentMap<String, CompletableFuture<GenesysOrg>> orgs;

	private final BiFunction<String, GenesysOrgSettings, GenesysOrg> provided;

	/**
	 * @param orgs the registry's orgs by name, where a lookup in progress is an incomplete future
	 * @param provided makes the org of the settings found
	 */
	OrgLookups(GenesysOrgSettingsProvider provider, Duration timeout,
			ConcurrentMap<String, CompletableFuture<GenesysOrg>> orgs,
			BiFunction<String, GenesysOrgSettings, GenesysOrg> provided) {
		this.provider = provider;
		this.timeout = timeout;
		this.orgs = orgs;
		this.provided = provided;
	}

	GenesysOrg lookUp(String name) {
		for (;;) {
			CompletableFuture<GenesysOrg> current = this.orgs.get(name);
			if (current == null) {
				CompletableFuture<GenesysOrg> mine = new CompletableFuture<>();
				if (this.orgs.putIfAbsent(name, mine) == null) {
					return run(name, mine);
				}
			}
			else if (current.isCompletedExceptionally()) {
				this.orgs.remove(name, current);
			}
			else {
				return await(name, current);
			}
		}
	}

	// On the first caller's thread, so that the provider sees the caller's context (a transaction, a tenant).
	private GenesysOrg run(String name, CompletableFuture<GenesysOrg> mine) {
		try {
			Optional<GenesysOrgSettings> found = this.provider.find(name);
			if (found == null || found.isEmpty()) {
				throw new UnknownGenesysOrgException(name, "There is no Genesys org '" + name + "': the "
						+ "GenesysOrgSettingsProvider does not know it either.");
			}
			GenesysOrg org = this.provided.apply(name, found.get());
			if (!mine.complete(org)) {
				// registered or removed meanwhile: that wins
				return await(name, mine);
			}
			return org;
		}
		catch (RuntimeException ex) {
			RuntimeException failure = (ex instanceof UnknownGenesysOrgException
					|| ex instanceof InvalidGenesysPropertyException) ? ex
							: new IllegalStateException("The GenesysOrgSettingsProvider failed to look up Genesys org '"
									+ name + "'", ex);
			// not remembered: the next call asks again
			this.orgs.remove(name, mine);
			mine.completeExceptionally(failure);
			throw failure;
		}
	}

	private GenesysOrg await(String name, CompletableFuture<GenesysOrg> lookup) {
		try {
			return lookup.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the GenesysOrgSettingsProvider looked up Genesys org '"
					+ name + "'", ex);
		}
		catch (TimeoutException ex) {
			IllegalStateException failure = new IllegalStateException("The GenesysOrgSettingsProvider did not find "
					+ "Genesys org '" + name + "' within " + this.timeout.toMillis() + " ms", ex);
			// a lookup that hangs is not remembered as in progress: the next call asks again
			if (this.orgs.remove(name, lookup)) {
				lookup.completeExceptionally(failure);
			}
			throw failure;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("Could not look up Genesys org '" + name + "'", ex.getCause());
		}
	}

}
