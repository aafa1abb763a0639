package io.github.genesysoauth.test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * {@code POST /oauth/token} as Genesys's login service answers a client-credentials request: Basic client
 * authentication with the raw (not URL-encoded) id and secret, a form body with
 * {@code grant_type=client_credentials}. The client is looked up by its id among those the stand-in accepts, and
 * each token is issued to it.
 */
final class TokenEndpoint implements ResponseDefinitionTransformerV2 {

	static final String NAME = "genesys-token-endpoint";

	private final AtomicInteger requests = new AtomicInteger();

	private final IssuedTokens tokens;

	private final StandInClients clients;

	private final StandInFaults faults;

	private final int credentialsRefusedStatus;

	private volatile Duration tokenLifetime;

	private volatile Duration responseDelay = Duration.ZERO;

	TokenEndpoint(IssuedTokens tokens, StandInFaults faults, StandInClients clients, Duration tokenLifetime,
			int credentialsRefusedStatus) {
		this.tokens = tokens;
		this.faults = faults;
		this.clients = clients;
		this.tokenLifetime = tokenLifetime;
		this.credentialsRefusedStatus = credentialsRefusedStatus;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		this.requests.incrementAndGet();
		ResponseDefinition answer = answer(serveEvent.getRequest());
		long delay = this.responseDelay.toMillis();
		return (delay > 0) ? ResponseDefinitionBuilder.like(answer).withFixedDelay((int) delay).build() : answer;
	}

	private ResponseDefinition answer(Request request) {
		String[] credentials = basicCredentials(request.getHeader("Authorization"));
		StandInClient client = (credentials != null) ? this.clients.find(credentials[0]) : null;
		if (client != null) {
			client.tokenRequests().incrementAndGet();
		}
		TokenFault fault = this.faults.nextTokenFault(client);
		if (fault != null) {
			return fault.responseDefinition();
		}
		String contentType = request.getHeader("Content-Type");
		if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
			return GenesysResponses.oauthError(400, "invalid_request",
					"Content-Type must be application/x-www-form-urlencoded");
		}
		if (client == null) {
			return GenesysResponses.oauthError(this.credentialsRefusedStatus, "invalid_client", "client not found");
		}
		if (!client.clientSecret().equals(credentials[1])) {
			return GenesysResponses.oauthError(this.credentialsRefusedStatus, "invalid_client",
					"authentication failed");
		}
		String grantType = formParameters(request.getBodyAsString()).get("grant_type");
		if (!"client_credentials".equals(grantType)) {
			return GenesysResponses.oauthError(400, "unsupported_grant_type", "grant type not supported");
		}
		Duration lifetime = this.tokenLifetime;
		return GenesysResponses.accessToken(this.tokens.issue(lifetime, client), lifetime.toSeconds());
	}

	private static String[] basicCredentials(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		String decoded;
		try {
			decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		int colon = decoded.indexOf(':');
		return (colon < 0) ? null : new String[] { decoded.substring(0, colon), decoded.substring(colon + 1) };
	}

	private static Map<String, String> formParameters(String body) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return parameters;
	}

	void setResponseDelay(Duration responseDelay) {
		this.responseDelay = responseDelay;
	}

	void setTokenLifetime(Duration tokenLifetime) {
		this.tokenLifetime = tokenLifetime;
	}

	int requests() {
		return this.requests.get();
	}

	void resetCount() {
		this.requests.set(0);
	}

}
