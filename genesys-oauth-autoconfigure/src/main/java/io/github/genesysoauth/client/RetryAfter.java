package io.github.genesysoauth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/** Reads {@code Retry-After}: delay-seconds or an HTTP date (RFC 9110 10.2.3). */
final class RetryAfter {

	/** Stands for a wait too long to represent; always over any cap. */
	static final Duration UNBOUNDED = Duration.ofSeconds(Long.MAX_VALUE);

	private RetryAfter() {
	}

	/**
	 * @param value the header's value, or {@code null}
	 * @param clock the clock an HTTP date is compared with
	 * @return the wait asked for, {@link Duration#ZERO} for a date in the past, {@code null} when absent or unreadable
	 */
	static @Nullable Duration parse(@Nullable String value, Clock clock) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.strip();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			try {
				return Duration.ofSeconds(Long.parseLong(trimmed));
			}
			catch (NumberFormatException ex) {
				return UNBOUNDED;
			}
		}
		try {
			Duration wait = Duration.between(clock.instant(),
					ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
