package io.github.genesysoauth.test;

import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The Platform API endpoints that need no permission ({@code GET /api/v2/organizations/me},
 * {@code GET /api/v2/tokens/me}), behind Genesys's bearer-token check.
 */
final class PlatformApi implements ResponseDefinitionTransformerV2 {

	static final String NAME = "genesys-platform-api";

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger unauthorized = new AtomicInteger();

	private final AtomicInteger expired = new AtomicInteger();

	private final IssuedTokens tokens;

	private final StandInOrganization organization;

	PlatformApi(IssuedTokens tokens, StandInOrganization organization) {
		this.tokens = tokens;
		this.organization = organization;
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
		Request request = serveEvent.getRequest();
		String token = bearerToken(request.getHeader("Authorization"));
		if (token == null) {
			this.unauthorized.incrementAndGet();
			return GenesysResponses.apiError(401, "authentication.required",
					"No authentication bearer token specified in authorization header.");
		}
		IssuedTokens.Verdict verdict = this.tokens.check(token);
		if (verdict != IssuedTokens.Verdict.VALID) {
			this.unauthorized.incrementAndGet();
			if (verdict == IssuedTokens.Verdict.EXPIRED) {
				this.expired.incrementAndGet();
			}
			return GenesysResponses.apiError(401, "bad.credentials", "Invalid login credentials.");
		}
		String path = request.getUrl().split("\\?", 2)[0];
		if (!RequestMethod.GET.equals(request.getMethod())) {
			return GenesysResponses.apiError(405, "method.not.allowed",
					"HTTP " + request.getMethod() + " is not supported by " + path + " on this stand-in.");
		}
		return switch (path) {
			case "/api/v2/organizations/me" -> GenesysResponses.json(200, this.organization.json());
			case "/api/v2/tokens/me" -> GenesysResponses.json(200, this.organization.tokenInfoJson());
			default -> GenesysResponses.apiError(404, "not.found",
					"The requested resource " + path + " was not found on this stand-in.");
		};
	}

	private static String bearerToken(String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
			return null;
		}
		String token = authorization.substring(7).trim();
		return token.isEmpty() ? null : token;
	}

	int requests() {
		return this.requests.get();
	}

	int unauthorized() {
		return this.unauthorized.get();
	}

	int expired() {
		return this.expired.get();
	}

	void resetCounts() {
		this.requests.set(0);
		this.unauthorized.set(0);
		this.expired.set(0);
	}

}
