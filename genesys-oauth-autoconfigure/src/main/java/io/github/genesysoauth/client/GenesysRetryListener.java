package io.github.genesysoauth.client;

import java.net.URI;
import java.util.List;

import org.springframework.http.HttpMethod;

/**
 * Told each time a Platform API client of the starter ({@code WebClient}, {@code RestClient}, HTTP interfaces) is
 * about to send a request again; e.g. to count retries.
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
		return (each.size() == 1) ? each.get(0)
				: (reason, method, url) -> each.forEach((listener) -> listener.onRetry(reason, method, url));
	}

	/**
	 * Called before the retry (and before any wait for it).
	 * @param reason why the request is sent again
	 * @param method the request's method
	 * @param url the request's URL (never its headers: they hold the token)
	 */
	void onRetry(GenesysRetryReason reason, HttpMethod method, URI url);

}
