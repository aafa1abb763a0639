package io.github.genesysoauth.test;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The access tokens the stand-in has issued, the client each was issued to, and whether each is still good. */
final class IssuedTokens {

	enum Verdict {

		VALID, UNKNOWN, EXPIRED, REVOKED

	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Issued> issuedTokens = new ConcurrentHashMap<>();

	private final Map<String, Boolean> revoked = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final Clock clock;

	IssuedTokens(Clock clock) {
		this.clock = clock;
	}

	String issue(Duration lifetime, StandInClient client) {
		byte[] bytes = new byte[48];
		RANDOM.nextBytes(bytes);
		// Genesys tokens are opaque URL-safe strings of about this length.
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.issuedTokens.put(token, new Issued(this.clock.instant().plus(lifetime), client));
		this.issued.incrementAndGet();
		client.tokensIssued().incrementAndGet();
		return token;
	}

	Verdict check(String token) {
		Issued issued = this.issuedTokens.get(token);
		if (issued == null) {
			return Verdict.UNKNOWN;
		}
		if (this.revoked.containsKey(token)) {
			return Verdict.REVOKED;
		}
		return this.clock.instant().isBefore(issued.expiry()) ? Verdict.VALID : Verdict.EXPIRED;
	}

	/** The client a token was issued to, valid or not, or {@code null} for none or a token it never issued. */
	StandInClient owner(String token) {
		Issued issued = (token != null) ? this.issuedTokens.get(token) : null;
		return (issued != null) ? issued.client() : null;
	}

	/** Revokes a token; unknown tokens are ignored, as Genesys gives nothing away about them. */
	boolean revoke(String token) {
		return this.issuedTokens.containsKey(token) && this.revoked.put(token, Boolean.TRUE) == null;
	}

	int revokeAll() {
		int count = 0;
		for (String token : this.issuedTokens.keySet()) {
			if (revoke(token)) {
				count++;
			}
		}
		return count;
	}

	Set<String> values() {
		return Set.copyOf(this.issuedTokens.keySet());
	}

	Set<String> values(StandInClient client) {
		return this.issuedTokens.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().client() == client)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
	}

	int issued() {
		return this.issued.get();
	}

	void resetCount() {
		this.issued.set(0);
	}

	private record Issued(Instant expiry, StandInClient client) {
	}

}
