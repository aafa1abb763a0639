package io.github.genesysoauth.token;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestHeadersConverter;
import org.springframework.security.oauth2.client.endpoint.DefaultOAuth2TokenRequestParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Token requests over a {@code RestClient}, for applications without WebClient (Spring MVC, batch): no Netty and no
 * WebFlux needed. The request is the one Spring Security builds (its header and parameter converters); the answer is
 * read by {@code TokenResponses}, as over WebClient. The token source runs it on a thread of Reactor's bounded
 * elastic scheduler, never on a caller's event loop.
 *
 * <p>Written here rather than using Spring Security's {@code RestClientClientCredentialsTokenResponseClient}: that
 * one reads answers through message converters and a status handler that keep neither the HTTP status of a
 * malformed answer nor the reason it is malformed, which the starter's errors and health report.
 */
public final class RestClientTokenResponseClient
		implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private final RestClient restClient;

	private final DefaultOAuth2TokenRequestHeadersConverter<OAuth2ClientCredentialsGrantRequest> headers = GenesysTokenRequests
		.rawBasicHeaders();

	private final DefaultOAuth2TokenRequestParametersConverter<OAuth2ClientCredentialsGrantRequest> parameters = new DefaultOAuth2TokenRequestParametersConverter<>();

	/**
	 * Creates a client that sends token requests with the given {@code RestClient}; give it a read timeout no longer
	 * than the token source's {@code tokenRequestTimeout}, so that no thread waits longer than its caller.
	 * @param restClient the client, e.g. built from Boot's {@code RestClient.Builder}
	 */
	public RestClientTokenResponseClient(RestClient restClient) {
		this.restClient = Objects.requireNonNull(restClient, "restClient");
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		HttpHeaders requestHeaders = Objects.requireNonNull(this.headers.convert(grantRequest));
		MultiValueMap<String, String> form = Objects.requireNonNull(this.parameters.convert(grantRequest));
		return this.restClient.post()
			.uri(grantRequest.getClientRegistration().getProviderDetails().getTokenUri())
			.headers((headers) -> headers.addAll(requestHeaders))
			.body(form)
			.exchange((request, response) -> read(response));
	}

	private static OAuth2AccessTokenResponse read(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		try (InputStream body = response.getBody()) {
			byte[] bytes = body.readNBytes(TokenResponses.MAX_BODY + 1);
			if (bytes.length > TokenResponses.MAX_BODY) {
				throw TokenResponses.tooLarge(status);
			}
			return TokenResponses.read(status, response.getHeaders().getContentType(), bytes);
		}
	}

}
