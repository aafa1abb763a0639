package io.github.genesysoauth.test;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * A few Platform API endpoints behind Genesys's bearer-token check and per-token rate limit (with its
 * {@code inin-ratelimit-count}, {@code -allowed} and {@code -reset} headers on every answer while a limit is set):
 * {@code GET /api/v2/organizations/me}, {@code GET|HEAD /api/v2/tokens/me}, {@code DELETE /api/v2/tokens/me} (revokes
 * the calling token) and {@code POST /api/v2/analytics/conversations/details/query} (answers an empty result). Each
 * answers for the organization of the client the calling token was issued to.
 */
final class PlatformApi implements ResponseDefinitionTransformerV2 {

	static final String NAME = "genesys-platform-api";

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger unauthorized = new AtomicInteger();

	private final AtomicInteger expired = new AtomicInteger();

	private final AtomicInteger rateLimited = new AtomicInteger();

	private final AtomicInteger faulted = new AtomicInteger();

	private final StandInFaults faults;

	private final RateLimits rateLimits;

	private final Clock clock;

	private final IssuedTokens tokens;

	PlatformApi(IssuedTokens tokens, StandInFaults faults, RateLimits rateLimits, Clock clock) {
		this.tokens = tokens;
		this.faults = faults;
		this.rateLimits = rateLimits;
		this.clock = clock;
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
		StandInClient caller = this.tokens.owner(token);
		if (caller != null) {
			caller.apiRequests().incrementAndGet();
		}
		ApiFault fault = this.faults.nextApiFault(caller);
		if (fault != null) {
			this.faulted.incrementAndGet();
			ResponseDefinition answer = fault.responseDefinition(this.clock.instant());
			count(answer.getStatus());
			return answer;
		}
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
		RateLimits.Standing standing = this.rateLimits.admit(token);
		if (standing == null) {
			return route(request, token, caller);
		}
		if (standing.refused()) {
			this.rateLimited.incrementAndGet();
			long seconds = standing.resetSeconds();
			return withStanding(GenesysResponses.rateLimited(seconds, String.valueOf(seconds), "Retry-After"),
					standing);
		}
		return withStanding(route(request, token, caller), standing);
	}

	// Genesys tells where the token stands on its answers, 429s included
	private static ResponseDefinition withStanding(ResponseDefinition answer, RateLimits.Standing standing) {
		return ResponseDefinitionBuilder.like(answer)
			.withHeader(RateLimits.COUNT, String.valueOf(standing.count()))
			.withHeader(RateLimits.ALLOWED, String.valueOf(standing.allowed()))
			.withHeader(RateLimits.RESET, String.valueOf(standing.resetSeconds()))
			.build();
	}

	private ResponseDefinition route(Request request, String token, StandInClient caller) {
		String path = request.getUrl().split("\\?", 2)[0];
		RequestMethod method = request.getMethod();
		switch (path) {
			case "/api/v2/organizations/me":
				if (RequestMethod.GET.equals(method)) {
					return GenesysResponses.json(200, caller.organization().json());
				}
				break;
			case "/api/v2/tokens/me":
				if (RequestMethod.GET.equals(method) || RequestMethod.HEAD.equals(method)) {
					return GenesysResponses.json(200, caller.organization().tokenInfoJson(caller.clientId()));
				}
				if (RequestMethod.DELETE.equals(method)) {
					this.tokens.revoke(token);
					return GenesysResponses.noContent();
				}
				break;
			case "/api/v2/analytics/conversations/details/query":
				if (RequestMethod.POST.equals(method)) {
					return GenesysResponses.json(200, "{\"totalHits\":0}");
				}
				break;
			default:
				return GenesysResponses.apiError(404, "not.found",
						"The requested resource " + path + " was not found on this stand-in.");
		}
		return GenesysResponses.apiError(405, "method.not.allowed",
				"HTTP " + method + " is not supported by " + path + " on this stand-in.");
	}

	private void count(int status) {
		if (status == 401) {
			this.unauthorized.incrementAndGet();
		}
		else if (status == 429) {
			this.rateLimited.incrementAndGet();
		}
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

	int rateLimited() {
		return this.rateLimited.get();
	}

	int faulted() {
		return this.faulted.get();
	}

	void resetCounts() {
		this.requests.set(0);
		this.rateLimited.set(0);
		this.faulted.set(0);
		this.unauthorized.set(0);
		this.expired.set(0);
	}

}
