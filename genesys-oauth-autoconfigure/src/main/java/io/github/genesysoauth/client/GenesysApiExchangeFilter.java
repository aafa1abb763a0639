package io.github.genesysoauth.client;

import java.net.URI;
import java.util.Objects;

import io.github.genesysoauth.token.GenesysAccessTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends every request for the Platform API with {@code Authorization: Bearer <token>}, the token coming from
 * {@link GenesysAccessTokens}, so that it is valid when sent and shared by all concurrent requests.
 *
 * <p>Only requests for the API's origin (scheme, host and port of the base URL) get the token. A request for an
 * absolute URL elsewhere, such as a presigned download link found in a Genesys response, is sent as it is: the
 * token must not travel to other hosts, and such links carry their own authorization.
 */
public final class GenesysBearerTokenFilter implements ExchangeFilterFunction {

	private final GenesysAccessTokens tokens;

	private final String apiScheme;

	private final String apiHost;

	private final int apiPort;

	/**
	 * Creates a filter that takes its tokens from the given source.
	 * @param tokens the token source
	 * @param apiBaseUrl the Platform API base URL, whose origin alone receives the token
	 */
	public GenesysBearerTokenFilter(GenesysAccessTokens tokens, URI apiBaseUrl) {
		this.tokens = Objects.requireNonNull(tokens, "tokens");
		Objects.requireNonNull(apiBaseUrl, "apiBaseUrl");
		this.apiScheme = String.valueOf(apiBaseUrl.getScheme());
		this.apiHost = String.valueOf(apiBaseUrl.getHost());
		this.apiPort = port(apiBaseUrl);
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!isApiOrigin(request.url())) {
			return next.exchange(request);
		}
		return this.tokens.accessToken()
			.flatMap((token) -> next.exchange(ClientRequest.from(request)
				.headers((headers) -> headers.setBearerAuth(token.getTokenValue()))
				.build()));
	}

	// Compared field by field: this runs for every request, so it allocates nothing.
	private boolean isApiOrigin(URI url) {
		return this.apiScheme.equalsIgnoreCase(url.getScheme()) && this.apiHost.equalsIgnoreCase(url.getHost())
				&& this.apiPort == port(url);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
