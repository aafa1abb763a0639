package io.github.genesysoauth.token;

import java.time.Duration;
import java.util.function.UnaryOperator;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The two ways token requests travel, for suites that must hold for both: WebClient (reactive applications) and
 * RestClient (servlet and batch applications, without WebFlux).
 */
public enum TokenTransport {

	WEB_CLIENT((builder) -> builder.tokenResponseClient(WebClientTokenResponseClients.of(WebClient.create()))),

	// on the JDK's HTTP client, as a servlet application without Netty has it (RestClient.create() would pick Reactor
	// Netty from this module's test classpath), with the read timeout the auto-configuration sets
	REST_CLIENT((builder) -> {
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory();
		requestFactory.setReadTimeout(Duration.ofSeconds(10));
		return builder.blockingTokenResponseClient(
				new RestClientTokenResponseClient(RestClient.builder().requestFactory(requestFactory).build()));
	});

	private final UnaryOperator<GenesysAccessTokensBuilder> configurer;

	TokenTransport(UnaryOperator<GenesysAccessTokensBuilder> configurer) {
		this.configurer = configurer;
	}

	/** The builder, sending its token requests this way. */
	public GenesysAccessTokensBuilder applyTo(GenesysAccessTokensBuilder builder) {
		return this.configurer.apply(builder);
	}

}
