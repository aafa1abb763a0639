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
	GenesysOrgObserver NONE = (name, sharedSeries, tokens) -> new Watch(GenesysRetryListener.NONE, () -> {
	}, () -> {
	});

	/**
	 * Starts watching an org.
	 * @param name the org's name
	 * @param sharedSeries whether its meters are to be shared with other run-time orgs rather than tagged with its
	 * own org and client ({@code genesys.oauth.metrics.tag-run-time-orgs=false})
	 * @param tokens its token source
	 * @return the org's retry listener, and what to do when it is released or removed
	 */
	Watch observe(String name, boolean sharedSeries, GenesysAccessTokens tokens);

	/**
	 * What watching an org needs.
	 *
	 * @param retryListener hears the org's retries
	 * @param release closed when the org is released for being idle: it may be used again
	 * @param forget run when the org is removed, or its OAuth client replaced: it is gone
	 */
	record Watch(GenesysRetryListener retryListener, AutoCloseable release, Runnable forget) {

		/**
		 * Checks that no part is missing.
		 * @param retryListener hears the org's retries
		 * @param release closed when the org is released for being idle
		 * @param forget run when the org is removed
		 */
		public Watch {
			Objects.requireNonNull(retryListener, "retryListener");
			Objects.requireNonNull(release, "release");
			Objects.requireNonNull(forget, "forget");
		}

	}

}
