package io.github.genesysoauth.client;

import java.util.Objects;

import io.github.genesysoauth.token.GenesysAccessTokens;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * Sends every request with {@code Authorization: Bearer <token>}, the token coming from
 * {@link GenesysAccessTokens}, so that it is valid when sent and shared by all concurrent requests.
 */
public final class GenesysBearerTokenFilter implements ExchangeFilterFunction {

	private final GenesysAccessTokens tokens;

	/**
	 * Creates a filter that takes its tokens from the given source.
	 * @param tokens the token source
	 */
	public GenesysBearerTokenFilter(GenesysAccessTokens tokens) {
		this.tokens = Objects.requireNonNull(tokens, "tokens");
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return this.tokens.accessToken()
			.flatMap((token) -> next.exchange(ClientRequest.from(request)
				.headers((headers) -> headers.setBearerAuth(token.getTokenValue()))
				.build()));
	}

}
