package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What {@link GenesysAccessTokens} knows at one moment, without the token itself: enough for a health check or a
 * gauge.
 *
 * @param expiresAt when the cached token expires, or {@code null} when none is held
 * @param renewAt when the cached token will be renewed, or {@code null} when none is held
 * @param lastFailure the last token request's failure, or {@code null} when it succeeded or none was made
 * @param lastFailureAt when that failure happened, or {@code null}
 * @param pausedUntil until when token requests pause after that failure, or {@code null}
 */
public record GenesysTokenState(@Nullable Instant expiresAt, @Nullable Instant renewAt,
		@Nullable GenesysAuthenticationException lastFailure, @Nullable Instant lastFailureAt,
		@Nullable Instant pausedUntil) {

	/**
	 * Time left on the cached token.
	 * @param now the current instant
	 * @return what is left, {@link Duration#ZERO} when no token is held or it has expired
	 */
	public Duration expiresIn(Instant now) {
		if (this.expiresAt == null || !now.isBefore(this.expiresAt)) {
			return Duration.ZERO;
		}
		return Duration.between(now, this.expiresAt);
	}

}
