package io.github.genesysoauth.token;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.codec.Hints;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.reactive.ClientHttpResponse;
import org.springframework.http.codec.HttpMessageReader;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.BodyExtractor;
import org.springframework.web.reactive.function.BodyExtractors;

/**
 * Reads the token endpoint's answer strictly enough that nothing but a usable token is ever cached: anything else,
 * from a proxy's HTML page to a token without a lifetime, becomes a {@link TokenEndpointResponseError} that carries
 * the HTTP status and says what was wrong, never what the body held.
 *
 * <p>Lenient where Genesys may vary: {@code token_type} in any casing, or absent (taken as {@code bearer}); unknown
 * fields; {@code expires_in} as a number or a numeric string. An {@code expires_in} longer than Genesys's longest
 * lifetime (48 hours) is taken as 48 hours, so that no token is kept longer than Genesys could have meant. The JSON
 * decoder is told not to log what it decoded: at DEBUG it would print the access token.
 */
final class TokenResponseExtractor implements BodyExtractor<Mono<OAuth2AccessTokenResponse>, ReactiveHttpInputMessage> {

	/** Genesys's longest token lifetime, 172,800 s. */
	static final long MAX_EXPIRES_IN = 172_800;

	static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final Set<String> TOKEN_PARAMETERS = Set.of(OAuth2ParameterNames.ACCESS_TOKEN,
			OAuth2ParameterNames.TOKEN_TYPE, OAuth2ParameterNames.EXPIRES_IN, OAuth2ParameterNames.SCOPE,
			OAuth2ParameterNames.REFRESH_TOKEN);

	@Override
	public Mono<OAuth2AccessTokenResponse> extract(ReactiveHttpInputMessage message, Context context) {
		int status = (message instanceof ClientHttpResponse response) ? response.getStatusCode().value() : 0;
		MediaType contentType = message.getHeaders().getContentType();
		if (contentType == null || !isJson(contentType)) {
			String found = (contentType != null) ? contentType.getType() + "/" + contentType.getSubtype() : "no";
			return message.getBody()
				.doOnNext(DataBufferUtils::release)
				.then(Mono.error(() -> malformed(status, "the answer has " + found + " content type, not JSON")));
		}
		return BodyExtractors.toMono(JSON_OBJECT)
			.extract(message, new QuietContext(context))
			.onErrorMap((ex) -> !(ex instanceof OAuth2AuthorizationException),
					(ex) -> malformed(status, "the body is not a JSON object"))
			.switchIfEmpty(Mono.error(() -> malformed(status, "the body is empty")))
			.map((json) -> tokenResponse(json, status));
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| contentType.getSubtype().endsWith("+json");
	}

	private static OAuth2AccessTokenResponse tokenResponse(Map<String, Object> json, int status) {
		Object error = json.get(OAuth2ParameterNames.ERROR);
		if (error != null) {
			Object description = json.getOrDefault(OAuth2ParameterNames.ERROR_DESCRIPTION, json.get("description"));
			throw new TokenEndpointResponseError(new OAuth2AuthorizationException(
					new OAuth2Error(error.toString(), (description != null) ? description.toString() : null, null)),
					status);
		}
		Object accessToken = json.get(OAuth2ParameterNames.ACCESS_TOKEN);
		if (!(accessToken instanceof String value) || !StringUtils.hasText(value)) {
			throw malformed(status, "the answer has no access_token");
		}
		Object tokenType = json.get(OAuth2ParameterNames.TOKEN_TYPE);
		if (tokenType != null && !OAuth2AccessToken.TokenType.BEARER.getValue().equalsIgnoreCase(tokenType.toString())) {
			throw malformed(status, "token_type is not bearer");
		}
		long expiresIn = expiresIn(json.get(OAuth2ParameterNames.EXPIRES_IN), status);
		Map<String, Object> additional = new LinkedHashMap<>();
		json.forEach((name, parameter) -> {
			if (!TOKEN_PARAMETERS.contains(name)) {
				additional.put(name, parameter);
			}
		});
		Object scope = json.get(OAuth2ParameterNames.SCOPE);
		Set<String> scopes = (scope != null)
				? new HashSet<>(List.of(StringUtils.delimitedListToStringArray(scope.toString(), " "))) : Set.of();
		return OAuth2AccessTokenResponse.withToken(value)
			.tokenType(OAuth2AccessToken.TokenType.BEARER)
			.expiresIn(expiresIn)
			.scopes(scopes)
			.additionalParameters(additional)
			.build();
	}

	private static long expiresIn(@Nullable Object expiresIn, int status) {
		if (expiresIn == null) {
			throw malformed(status, "the answer has no expires_in");
		}
		long seconds;
		if (expiresIn instanceof Number number) {
			seconds = number.longValue();
		}
		else {
			try {
				seconds = Long.parseLong(expiresIn.toString().strip());
			}
			catch (NumberFormatException ex) {
				throw malformed(status, "expires_in is not a number");
			}
		}
		if (seconds <= 0) {
			throw malformed(status, "expires_in is " + seconds + ", not a lifetime (Genesys gives 300 to "
					+ MAX_EXPIRES_IN + " seconds)");
		}
		return Math.min(seconds, MAX_EXPIRES_IN);
	}

	private static TokenEndpointResponseError malformed(int status, String description) {
		return new TokenEndpointResponseError(
				new OAuth2AuthorizationException(new OAuth2Error(INVALID_TOKEN_RESPONSE, description, null)), status);
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
