package io.github.genesysoauth.token;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Token requests over a {@code WebClient}: Spring Security's own client, sending Genesys's raw Basic credentials and
 * reading answers with {@code TokenResponses}. A class of its own, so that nothing loads WebClient where the
 * application has none.
 */
public final class WebClientTokenResponseClients {

	private WebClientTokenResponseClients() {
	}

	/** A token response client on a plain {@code WebClient}. */
	static ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> create() {
		return of(WebClient.create());
	}

	/**
	 * A token response client that sends with the given {@code WebClient}.
	 * @param webClient the client, e.g. built from Boot's {@code WebClient.Builder} to get its metrics
	 * @return the token response client
	 */
	public static ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> of(WebClient webClient) {
		WebClientReactiveClientCredentialsTokenResponseClient client = new WebClientReactiveClientCredentialsTokenResponseClient();
		client.setWebClient(webClient);
		client.setHeadersConverter(GenesysTokenRequests.rawBasicHeaders());
		client.setBodyExtractor(new TokenResponseExtractor());
		return client;
	}

}
