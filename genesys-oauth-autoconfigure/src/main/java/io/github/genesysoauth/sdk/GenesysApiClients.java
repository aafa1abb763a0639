package io.github.genesysoauth.sdk;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import io.github.genesysoauth.org.GenesysOrgRequestInterceptor;

import org.springframework.web.client.RestClient;

/**
 * Genesys's Java SDK ({@code com.mypurecloud:platform-client-v2}) fed by the starter: an SDK {@link ApiClient} whose
 * every request travels through one of the starter's {@link RestClient}s, and so gets the org's current token and
 * the {@link GenesysApiCallPolicy} of every other client (single flight, one renewal after a 401, 429 and 5xx
 * retries with {@code Retry-After}, the token only for the API's origin).
 *
 * <p>The client has no token of its own and never logs in: it must not be given {@code setAccessToken} (a token
 * it is given is dropped from every request) nor asked to {@code authorizeClientCredentials} (refused with an
 * {@link IllegalStateException}). Its own retries stay off ({@code withRetryConfiguration} would run the starter's
 * retries again for each of its own) and so does its code-grant refresh after a 401.
 */
public final class GenesysApiClients {

	private GenesysApiClients() {
	}

	/**
	 * Creates an SDK client for the org whose Platform API client is given.
	 * @param genesysRestClient the org's {@code RestClient}, carrying {@link GenesysApiRequestInterceptor} (as
	 * {@code genesysRestClient} does)
	 * @param apiBaseUrl the org's Platform API base URL, such as {@code https://api.mypurecloud.com}
	 * @return the SDK client; close it (the application context does for a bean) when done
	 * @throws IllegalArgumentException if the client lacks the interceptor or the URL is no absolute http(s) URL
	 */
	public static ApiClient create(RestClient genesysRestClient, URI apiBaseUrl) {
		Objects.requireNonNull(genesysRestClient, "genesysRestClient");
		Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
		requireInterceptor(genesysRestClient);
		return ApiClient.Builder.standard()
			.withBasePath(basePath(apiBaseUrl))
			// its default, true, would make a 401 call the code-grant refresh, which client credentials have not
			.withShouldRefreshAccessToken(false)
			// the SDK's configuration file (~/.genesyscloudjava/config) is no source of this client's settings
			.withAutoReloadConfig(false)
			.withProperty(ApiClientConnectorProperty.CONNECTOR_PROVIDER, RestClientConnector.provider(genesysRestClient))
			.build();
	}

	// Without the interceptor no request would carry a token: every call would fail with 401, far from the cause.
	private static void requireInterceptor(RestClient restClient) {
		AtomicBoolean found = new AtomicBoolean();
		restClient.mutate()
			.requestInterceptors((interceptors) -> found
				.set(interceptors.stream()
					.anyMatch((interceptor) -> interceptor instanceof GenesysApiRequestInterceptor
							|| interceptor instanceof GenesysOrgRequestInterceptor)));
		if (!found.get()) {
			throw new IllegalArgumentException("The RestClient for the Genesys Java SDK must carry the starter's "
					+ "GenesysApiRequestInterceptor, as genesysRestClient and GenesysOrg.restClient() do: without it no "
					+ "request would carry a token. Pass genesysRestClient, or build the client with "
					+ ".requestInterceptor(GenesysApiRequestInterceptor.of(genesysApiCallPolicy))");
		}
	}

	// The SDK appends each path ("/api/v2/...") to the base path as it is: no trailing slash.
	private static String basePath(URI apiBaseUrl) {
		String scheme = apiBaseUrl.getScheme();
		if (!apiBaseUrl.isAbsolute() || apiBaseUrl.getHost() == null
				|| !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
				|| apiBaseUrl.getRawQuery() != null || apiBaseUrl.getRawFragment() != null) {
			throw new IllegalArgumentException("The Genesys Platform API base URL must be an absolute http or https URL "
					+ "without query or fragment, such as https://api.mypurecloud.com, but was '" + apiBaseUrl + "'");
		}
		String url = apiBaseUrl.toString();
		while (url.endsWith("/")) {
			url = url.substring(0, url.length() - 1);
		}
		return url;
	}

}
