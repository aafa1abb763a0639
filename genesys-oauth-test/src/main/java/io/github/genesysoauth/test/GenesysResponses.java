package io.github.genesysoauth.test;

import java.util.UUID;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/** Response bodies and headers in the shapes Genesys Cloud sends. */
final class GenesysResponses {

	static final String CORRELATION_ID = "ININ-Correlation-Id";

	private GenesysResponses() {
	}

	static ResponseDefinition accessToken(String token, long expiresInSeconds) {
		return json(200, "{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
				+ expiresInSeconds + "}");
	}

	/** The login service's error shape: Genesys sends the description twice, under two names. */
	static ResponseDefinition oauthError(int status, String error, String description) {
		return json(status, "{\"error\":\"" + error + "\",\"description\":\"" + description
				+ "\",\"error_description\":\"" + description + "\"}");
	}

	/** The Platform API's error shape. */
	static ResponseDefinition apiError(int status, String code, String message) {
		String contextId = UUID.randomUUID().toString();
		return json(status, "{\"message\":\"" + escape(message) + "\",\"code\":\"" + code + "\",\"status\":" + status
				+ ",\"contextId\":\"" + contextId + "\",\"details\":[],\"errors\":[]}");
	}

	/**
	 * Genesys's 429: the wait in the body, and {@code Retry-After} under the given header name when a value is given.
	 */
	static ResponseDefinition rateLimited(long seconds, String retryAfter, String headerName) {
		ResponseDefinition body = apiError(429, "too.many.requests.retry.after",
				"Rate limit exceeded the maximum. Retry the request in [" + seconds + "] seconds");
		if (retryAfter == null) {
			return body;
		}
		return ResponseDefinitionBuilder.like(body).withHeader(headerName, retryAfter).build();
	}

	static ResponseDefinition noContent() {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(204)
			.withHeader(CORRELATION_ID, UUID.randomUUID().toString())
			.build();
	}

	static ResponseDefinition json(int status, String body) {
		return ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withHeader(CORRELATION_ID, UUID.randomUUID().toString())
			.withBody(body)
			.build();
	}

	static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
