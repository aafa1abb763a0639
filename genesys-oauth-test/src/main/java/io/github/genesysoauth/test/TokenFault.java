package io.github.genesysoauth.test;

import java.util.Objects;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Something the stand-in's token endpoint answers instead of a token, for
 * {@link GenesysCloudStandIn#failTokenRequests(int, TokenFault)} and
 * {@link GenesysCloudStandIn#failTokenRequestsFor(java.time.Duration, TokenFault)}.
 */
public final class TokenFault {

	private final String description;

	private final ResponseDefinition response;

	private TokenFault(String description, ResponseDefinition response) {
		this.description = description;
		this.response = response;
	}

	/**
	 * An HTTP error with an HTML page, as a load balancer or proxy in front of the login service sends it, e.g. 502,
	 * 503 or 504; or 429 when the login service itself limits the client.
	 * @param status the HTTP status
	 * @return the fault
	 */
	public static TokenFault status(int status) {
		return response(status, "text/html",
				"<html><head><title>" + status + "</title></head><body><h1>" + status + "</h1></body></html>");
	}

	/**
	 * The connection reset before any answer, as a crashed or restarting server does.
	 * @return the fault
	 */
	public static TokenFault connectionReset() {
		return new TokenFault("connection reset",
				ResponseDefinitionBuilder.responseDefinition().withFault(Fault.CONNECTION_RESET_BY_PEER).build());
	}

	/**
	 * Any answer at all, e.g. a 200 HTML page, a body that is not JSON, or a JSON token with a bad
	 * {@code expires_in}.
	 * @param status the HTTP status
	 * @param contentType the {@code Content-Type} header, or {@code null} for none
	 * @param body the body
	 * @return the fault
	 */
	public static TokenFault response(int status, String contentType, String body) {
		Objects.requireNonNull(body, "body");
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(status)
			.withHeader(GenesysResponses.CORRELATION_ID, "stand-in-fault")
			.withBody(body);
		if (contentType != null) {
			builder.withHeader("Content-Type", contentType);
		}
		return new TokenFault("HTTP " + status + " " + contentType, builder.build());
	}

	ResponseDefinition responseDefinition() {
		return this.response;
	}

	@Override
	public String toString() {
		return "TokenFault[" + this.description + "]";
	}

}
