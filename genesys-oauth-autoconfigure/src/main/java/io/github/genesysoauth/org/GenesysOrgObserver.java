package io.github.genesysoauth.org;

import java.util.Objects;

import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.token.GenesysAccessTokens;

/**
 * Watches each named org while it is in use: told when its token source is made, it gives the listener that hears the
 * org's retries and what to close when the org is released. The metrics auto-configuration's meters per org are one.
 */
@FunctionalInterface
public interface GenesysOrgObserver {

	/** Watches nothing. */
	GenesysOrgObserver NONE = (name, runTime, tokens) -> new Watch(GenesysRetryListener.NONE, () -> {
	});

	/**
	 * Starts watching an org.
	 * @param name the org's name
	 * @param runTime whether it was registered at run time or provided, rather than configured by properties
	 * @param tokens its token source
	 * @return the org's retry listener, and what to close when it is released
	 */
	Watch observe(String name, boolean runTime, GenesysAccessTokens tokens);

	/**
	 * What watching an org needs.
	 *
	 * @param retryListener hears the org's retries
	 * @param release closed when the org is released
	 */
	record Watch(GenesysRetryListener retryListener, AutoCloseable release) {

		public Watch {
			Objects.requireNonNull(retryListener, "retryListener");
			Objects.requireNonNull(release, "release");
		}

	}

}
