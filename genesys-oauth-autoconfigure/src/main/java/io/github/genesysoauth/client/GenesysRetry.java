package io.github.genesysoauth.client;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Per-request retry choices, as request attributes for {@code genesysWebClient} and {@code genesysRestClient} alike
 * ({@code .attributes(...)} exists on both):
 *
 * <pre>{@code
 * // a POST that is safe to repeat, e.g. an analytics query, opts in to retries of 502, 503 and 504
 * genesysWebClient.post().uri("/api/v2/analytics/conversations/details/query")
 *     .attributes(GenesysRetry.serverErrors(true))
 *     .bodyValue(query)
 *     .retrieve();
 * // a request whose caller handles 429 and 5xx itself
 * genesysWebClient.get().uri("/api/v2/users/me").attributes(GenesysRetry.disabled()).retrieve();
 * }</pre>
 *
 * <p>By default 429 is retried for every method (Genesys did not process the request), and 502, 503 and 504 only
 * for idempotent methods (GET, HEAD, OPTIONS, TRACE, PUT, DELETE). A 401 always leads to one renewal of the token
 * and one more attempt, whatever these attributes say.
 */
public final class GenesysRetry {

	static final String SERVER_ERRORS_ATTRIBUTE = GenesysRetry.class.getName() + ".serverErrors";

	static final String DISABLED_ATTRIBUTE = GenesysRetry.class.getName() + ".disabled";

	private GenesysRetry() {
	}

	/**
	 * Whether this request is retried after 502, 503 or 504, whatever its method.
	 * @param retry {@code true} to opt a POST or PATCH in, {@code false} to opt an idempotent request out
	 * @return the attribute, for {@code .attributes(...)}
	 */
	public static Consumer<Map<String, Object>> serverErrors(boolean retry) {
		return (attributes) -> attributes.put(SERVER_ERRORS_ATTRIBUTE, retry);
	}

	/**
	 * No retry of 429, 502, 503 or 504 for this request: the response is returned as it came.
	 * @return the attribute, for {@code .attributes(...)}
	 */
	public static Consumer<Map<String, Object>> disabled() {
		return (attributes) -> attributes.put(DISABLED_ATTRIBUTE, Boolean.TRUE);
	}

}
