package io.github.genesysoauth.token;

import java.util.function.UnaryOperator;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The two ways token requests travel, for suites that must hold for both: WebClient (reactive applications) and
 * RestClient (servlet and batch applications, without WebFlux).
 */
public enum TokenTransport {

	WEB_CLIENT((builder) -> builder.tokenResponseClient(WebClientTokenResponseClients.of(WebClient.create()))),

	REST_CLIENT((builder) -> builder.blockingTokenResponseClient(new RestClientTokenResponseClient(RestClient.create())));

	private final UnaryOperator<GenesysAccessTokens.Builder> configurer;

	TokenTransport(UnaryOperator<GenesysAccessTokens.Builder> configurer) {
		this.configurer = configurer;
	}

	/** The builder, sending its token requests this way. */
	public GenesysAccessTokens.Builder applyTo(GenesysAccessTokens.Builder builder) {
		return this.configurer.apply(builder);
	}

}
