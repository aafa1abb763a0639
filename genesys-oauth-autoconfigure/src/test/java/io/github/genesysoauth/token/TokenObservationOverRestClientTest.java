package io.github.genesysoauth.token;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.web.client.RestClient;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Over RestClient, as over WebClient, the token request's {@code http.client.requests} observation is a child of
 * {@code genesys.oauth.token.requests}, although the request runs on another thread than the one that asked.
 */
class TokenObservationOverRestClientTest {

	@Test
	void theHttpExchangeIsAChildOfTheTokenRequest() {
		List<Observation.Context> started = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				started.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
			RestClient restClient = RestClient.builder()
				.requestFactory(new JdkClientHttpRequestFactory())
				.observationRegistry(registry)
				.build();
			GenesysAccessTokens tokens = GenesysAccessTokens.builder(registration(genesys))
				.blockingTokenResponseClient(new RestClientTokenResponseClient(restClient))
				.observationRegistry(registry)
				.build();

			tokens.accessToken().block(Duration.ofSeconds(30));
		}

		ClientRequestObservationContext exchange = started.stream()
			.filter(ClientRequestObservationContext.class::isInstance)
			.map(ClientRequestObservationContext.class::cast)
			.findFirst()
			.orElseThrow(() -> new AssertionError("no http.client.requests observation"));
		assertThat(exchange.getParentObservation()).isNotNull();
		assertThat(exchange.getParentObservation().getContextView()).isInstanceOf(GenesysTokenRequestContext.class);
	}

}
