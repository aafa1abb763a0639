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

/** The access tokens the stand-in has issued, and whether each is still good. */
final class IssuedTokens {

	enum Verdict {

		VALID, UNKNOWN, EXPIRED, REVOKED

	}

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Map<String, Instant> expiries = new ConcurrentHashMap<>();

	private final Map<String, Boolean> revoked = new ConcurrentHashMap<>();

	private final AtomicInteger issued = new AtomicInteger();

	private final Clock clock;

	IssuedTokens(Clock clock) {
		this.clock = clock;
	}

	String issue(Duration lifetime) {
		byte[] bytes = new byte[48];
		RANDOM.nextBytes(bytes);
		// Genesys tokens are opaque URL-safe strings of about this length.
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		this.expiries.put(token, this.clock.instant().plus(lifetime));
		this.issued.incrementAndGet();
		return token;
	}

	Verdict check(String token) {
		Instant expiry = this.expiries.get(token);
		if (expiry == null) {
			return Verdict.UNKNOWN;
		}
		if (this.revoked.containsKey(token)) {
			return Verdict.REVOKED;
		}
		return this.clock.instant().isBefore(expiry) ? Verdict.VALID : Verdict.EXPIRED;
	}

	/** Revokes a token; unknown tokens are ignored, as Genesys gives nothing away about them. */
	boolean revoke(String token) {
		return this.expiries.containsKey(token) && this.revoked.put(token, Boolean.TRUE) == null;
	}

	int revokeAll() {
		int count = 0;
		for (String token : this.expiries.keySet()) {
			if (revoke(token)) {
				count++;
			}
		}
		return count;
	}

	Set<String> values() {
		return Set.copyOf(this.expiries.keySet());
	}

	int issued() {
		return this.issued.get();
	}

	void resetCount() {
		this.issued.set(0);
	}

}
