package io.github.genesysoauth.token;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.core.codec.Hints;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.web.reactive.function.OAuth2BodyExtractors;
import org.springframework.web.reactive.function.BodyExtractor;

/**
 * Spring Security's token response reader, with two things added: the HTTP status travels with a failure, and the
 * JSON decoder is told not to log what it decoded (at DEBUG it would print the access token).
 */
final class TokenResponseExtractor implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	private final BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> delegate = OAuth2BodyExtractors
		.oauth2AccessTokenResponse();

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		int status = (message instanceof ClientHttpResponse response) ? response.getStatusCode().value() : 0;
		return this.delegate.extract(message, new QuietContext(context))
			.onErrorMap(OAuth2AuthorizationException.class, (ex) -> new TokenEndpointResponseError(ex, status));
	}

	private record QuietContext(Context context) implements Context {

		@Override
		public List<HttpMessageReader<?>> messageReaders() {
			return this.context.messageReaders();
		}

		@Override
		public Optional<ServerHttpResponse> serverResponse() {
			return this.context.serverResponse();
		}

		@Override
		public Map<String, Object> hints() {
			Map<String, Object> hints = new HashMap<>(this.context.hints());
			hints.put(Hints.SUPPRESS_LOGGING_HINT, Boolean.TRUE);
			return hints;
		}

	}

}
