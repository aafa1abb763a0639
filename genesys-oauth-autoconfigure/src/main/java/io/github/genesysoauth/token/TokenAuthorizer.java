package io.github.genesysoauth.token;

import java.time.Clock;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;

/**
 * One token request, through Spring Security's client-credentials provider: its reactive one over a reactive token
 * response client (WebClient), or its servlet one over a blocking client (RestClient) on Reactor's bounded elastic
 * scheduler. Each is created only when chosen: the reactive provider builds a WebClient-based default on creation,
 * which an application without WebFlux cannot load.
 */
@FunctionalInterface
interface TokenAuthorizer {

	Mono<OAuth2AuthorizedClient> authorize(OAuth2AuthorizationContext context);

	static TokenAuthorizer reactive(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient,
			Clock clock) {
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponseClient);
		provider.setClock(clock);
		return provider::authorize;
	}

	static TokenAuthorizer blocking(OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> tokenResponseClient,
			Clock clock) {
		ClientCredentialsOAuth2AuthorizedClientProvider provider = new ClientCredentialsOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponseClient);
		provider.setClock(clock);
		// the token request's observation is opened on the worker thread, so that RestClient's own observation of the
		// HTTP exchange becomes its child, as WebClient's does through the Reactor context
		return (context) -> Mono.deferContextual((reactorContext) -> {
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
			return Mono.fromCallable(() -> {
				if (parent == null) {
					return provider.authorize(context);
				}
				try (Observation.Scope scope = parent.openScope()) {
					return provider.authorize(context);
				}
			});
		}).subscribeOn(Schedulers.boundedElastic());
	}

}
