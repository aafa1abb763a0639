package io.github.genesysoauth.client;

import org.springframework.web.reactive.function.client.ClientRequest;

/** Told each time the Platform API client is about to send a request again; e.g. to count retries. */
@FunctionalInterface
public interface GenesysRetryListener {

	/** A listener that does nothing. */
	GenesysRetryListener NONE = (reason, request) -> {
	};

	/**
	 * Called before the retry (and before any wait for it).
	 * @param reason why the request is sent again
	 * @param request the request as the application made it, without the token
	 */
	void onRetry(GenesysRetryReason reason, ClientRequest request);

}
