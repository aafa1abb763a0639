package io.github.genesysoauth.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Told each time a Platform API client of the starter ({@code WebClient}, {@code RestClient}, HTTP interfaces, the
 * SDK) is about to send a request again, and each time it holds a request back, or refuses it, to keep under the
 * token's rate limit; e.g. to count them.
 */
@FunctionalInterface
public interface GenesysRetryListener {

	/** A listener that does nothing. */
	GenesysRetryListener NONE = (reason, method, url) -> {
	};

	/**
	 * One listener that tells all the given ones, in their order.
	 * @param listeners the listeners
	 * @return {@link #NONE} for none, the listener itself for one, else one that tells each
	 */
	static GenesysRetryListener all(List<GenesysRetryListener> listeners) {
		List<GenesysRetryListener> each = listeners.stream().filter((listener) -> listener != NONE).toList();
		if (each.isEmpty()) {
			return NONE;
		}
		return (each.size() == 1) ? each.get(0) : new GenesysRetryListener() {

			@Override
			public void onRetry(GenesysRetryReason reason, HttpMethod method, URI url) {
				each.forEach((listener) -> listener.onRetry(reason, method, url));
			}

			@Override
			public void onPaced(Duration wait, HttpMethod method, URI url) {
				each.forEach((listener) -> listener.onPaced(wait, method, url));
			}

			@Override
			public void onPacingRefused(Duration wait, HttpMethod method, URI url) {
				each.forEach((listener) -> listener.onPacingRefused(wait, method, url));
			}

		};
	}

	/**
	 * Called before the retry (and before any wait for it).
	 * @param reason why the request is sent again
	 * @param method the request's method
	 * @param url the request's URL (never its headers: they hold the token)
	 */
	void onRetry(GenesysRetryReason reason, HttpMethod method, URI url);

	/**
	 * Called before a request waits to keep under its token's rate limit ({@code genesys.oauth.rate-limit.mode=pace}).
	 * @param wait how long it waits before it is sent (shorter if the application closes meanwhile)
	 * @param method the request's method
	 * @param url the request's URL
	 */
	default void onPaced(Duration wait, HttpMethod method, URI url) {
	}

	/**
	 * Called when a request is not sent because keeping under its token's rate limit would take longer than
	 * {@code genesys.oauth.rate-limit.max-wait}; the call fails with {@link GenesysRateLimitException}.
	 * @param wait how long it would have had to wait
	 * @param method the request's method
	 * @param url the request's URL
	 */
	default void onPacingRefused(Duration wait, HttpMethod method, URI url) {
	}

}
