package io.github.genesysoauth.token;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.web.reactive.function.BodyExtractor;

/**
 * The {@code WebClient} side of {@link TokenResponses}: collects the token endpoint's answer, at most
 * {@link TokenResponses#MAX_BODY} bytes, and reads it strictly. No codec decodes it, so none can log the token.
 */
final class TokenResponseExtractor implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		int status = (message instanceof ClientHttpResponse response) ? response.getStatusCode().value() : 0;
		return DataBufferUtils.join(message.getBody(), TokenResponses.MAX_BODY)
			.map(TokenResponseExtractor::bytes)
			.defaultIfEmpty(new byte[0])
			.onErrorMap(DataBufferLimitException.class, (ex) -> TokenResponses.tooLarge(status))
			.map((body) -> TokenResponses.read(status, message.getHeaders().getContentType(), body));
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

}
