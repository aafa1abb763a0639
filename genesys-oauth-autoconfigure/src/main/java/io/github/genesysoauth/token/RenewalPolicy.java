package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;

import io.github.genesysoauth.token.TokenState.Held;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * When a token is due for renewal: {@code refreshBeforeExpiry} ahead of its expiry, or at half its lifetime when it
 * lives less than twice that, so that a short token is still used before it is renewed.
 * @param refreshBeforeExpiry how long before expiry a token is renewed
 */
record RenewalPolicy(Duration refreshBeforeExpiry) {

	/**
	 * A token asked for at {@code askedAt}, with when it is renewed and expires by the token source's clock: its
	 * lifetime counts from the request, not from the answer.
	 */
	Held held(OAuth2AccessToken token, Instant askedAt, boolean afterUnauthorized) {
		Duration lifetime = lifetimeOf(token);
		Duration half = lifetime.dividedBy(2);
		Duration margin = (this.refreshBeforeExpiry.compareTo(half) < 0) ? this.refreshBeforeExpiry : half;
		Instant expiresAt = askedAt.plus(lifetime);
		return new Held(token, expiresAt, expiresAt.minus(margin), afterUnauthorized);
	}

	// Spring Security stamps tokens with the system time; only their difference, expires_in, is used here, so that
	// renewal follows the token source's Clock.
	private static Duration lifetimeOf(OAuth2AccessToken token) {
		if (token.getIssuedAt() == null || token.getExpiresAt() == null) {
			return Duration.ZERO;
		}
		Duration lifetime = Duration.between(token.getIssuedAt(), token.getExpiresAt());
		return lifetime.isNegative() ? Duration.ZERO : lifetime;
	}

}
