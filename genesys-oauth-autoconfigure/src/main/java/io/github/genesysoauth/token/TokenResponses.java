package io.github.genesysoauth.token;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.util.StringUtils;

/**
 * Reads the token endpoint's answer, whatever transport brought it, strictly enough that nothing but a usable token is
 * ever cached: anything else, from a proxy's HTML page to a token without a lifetime, becomes a
 * {@link TokenEndpointResponseError} that carries the HTTP status and says what was wrong, never what the body held.
 *
 * <p>Lenient where Genesys may vary: {@code token_type} in any casing, or absent (taken as {@code bearer}); unknown
 * fields; {@code expires_in} as a number or a numeric string. An {@code expires_in} longer than Genesys's longest
 * lifetime (48 hours) is taken as 48 hours, so that no token is kept longer than Genesys could have meant. The JSON
 * is parsed by the application's JSON library through Spring's message converters, which log nothing of what they
 * read.
 */
final class TokenResponses {

	/** Genesys's longest token lifetime, 172,800 s. */
	static final long MAX_EXPIRES_IN = 172_800;

	/** Longest answer read: a token response is a few hundred bytes, an error page a few kilobytes. */
	static final int MAX_BODY = 64 * 1024;

	static final String INVALID_TOKEN_RESPONSE = "invalid_token_response";

	private static final Set<String> TOKEN_PARAMETERS = Set.of(OAuth2ParameterNames.ACCESS_TOKEN,
			OAuth2ParameterNames.TOKEN_TYPE, OAuth2ParameterNames.EXPIRES_IN, OAuth2ParameterNames.SCOPE,
			OAuth2ParameterNames.REFRESH_TOKEN);

	private static volatile @Nullable HttpMessageConverter<Object> json;

	private TokenResponses() {
	}

	/**
	 * Reads one answer of the token endpoint.
	 * @param status its HTTP status
	 * @param contentType its content type, or {@code null}
	 * @param body its body, at most {@link #MAX_BODY} bytes
	 * @return the token response
	 * @throws TokenEndpointResponseError for anything but a usable token: an OAuth error, or a malformed answer
	 */
	static OAuth2AccessTokenResponse read(int status, @Nullable MediaType contentType, byte[] body) {
		if (contentType == null || !isJson(contentType)) {
			String found = (contentType != null) ? contentType.getType() + "/" + contentType.getSubtype() : "no";
			throw malformed(status, "the answer has " + found + " content type, not JSON");
		}
		if (body.length == 0) {
			throw malformed(status, "the body is empty");
		}
		Map<String, Object> parsed;
		try {
			parsed = parse(body);
		}
		catch (Exception ex) {
			throw malformed(status, "the body is not a JSON object");
		}
		return tokenResponse(parsed, status);
	}

	static TokenEndpointResponseError tooLarge(int status) {
		return malformed(status, "the answer is longer than " + (MAX_BODY / 1024) + " KB");
	}

	private static boolean isJson(MediaType contentType) {
		return MediaType.APPLICATION_JSON.isCompatibleWith(contentType)
				|| contentType.getSubtype().endsWith("+json");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> parse(byte[] body) throws Exception {
		HttpInputMessage message = new HttpInputMessage() {

			@Override
			public InputStream getBody() {
				return new ByteArrayInputStream(body);
			}

			@Override
			public HttpHeaders getHeaders() {
				HttpHeaders headers = new HttpHeaders();
				headers.setContentType(MediaType.APPLICATION_JSON);
				return headers;
			}

		};
		Object value = jsonConverter().read(Map.class, message);
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("not a JSON object");
		}
		return (Map<String, Object>) map;
	}

	// Spring's defaults find the application's JSON library (Jackson 3 or 2, Gson, JSON-B, ...) as WebClient and
	// RestClient do; looked up once.
	@SuppressWarnings("unchecked")
	private static HttpMessageConverter<Object> jsonConverter() {
		HttpMessageConverter<Object> found = json;
		if (found != null) {
			return found;
		}
		for (HttpMessageConverter<?> converter : HttpMessageConverters.forClient().registerDefaults().build()) {
			if (converter.canRead(Map.class, MediaType.APPLICATION_JSON)) {
				found = (HttpMessageConverter<Object>) converter;
				json = found;
				return found;
			}
		}
		throw new IllegalStateException("No JSON library to read Genesys token responses with: add Jackson "
				+ "(spring-boot-starter-json) to the application");
	}

	static OAuth2AccessTokenResponse tokenResponse(Map<String, Object> json, int status) {
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

	static TokenEndpointResponseError malformed(int status, String description) {
		return new TokenEndpointResponseError(
				new OAuth2AuthorizationException(new OAuth2Error(INVALID_TOKEN_RESPONSE, description, null)), status);
	}

}
