package io.github.genesysoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The Platform API budget of a token source's current token: Genesys Cloud allows each client-credentials token so
 * many requests a minute (300 unless raised), counted in a window that opens with the token's first request, and
 * answers 429 past them. Every call reserves a slot here before it is sent: in a window with slots left it goes at
 * once, otherwise it waits for a slot in a later window, so that however many callers there are, no window gets more
 * requests than the limit and nobody meets the 429. Each window's slots go first come, first served; a wait longer
 * than {@link GenesysRateLimitSettings#maxWait()} is refused instead, and the slot stays free.
 *
 * <p>It learns from Genesys: {@code inin-ratelimit-allowed} is the limit, {@code inin-ratelimit-count} the requests
 * Genesys counted in the window (other users of the same token count too), {@code inin-ratelimit-reset} the seconds
 * until the window closes, and a 429's {@code Retry-After} says the window is spent. A report about a window other
 * than the one counted here (an answer that was under way while the window turned) is ignored, and so is a value no
 * per-minute limit can have. A new token starts with a new budget (of the limit learned so far); answers to an older
 * token teach nothing.
 *
 * <p>Written by hand: rate limiters such as Resilience4j's or Bucket4j's refill on their own clock, while Genesys's
 * window is its own, and only its headers say where it stands. All of it is a few comparisons under a lock per call,
 * on the token source's {@link Clock}.
 */
public final class GenesysRateLimit {

	static final Duration WINDOW = Duration.ofMinutes(1);

	// how far a report's window may be from the one counted here and still be the same: reset is in whole seconds
	private static final long SAME_WINDOW_MILLIS = 2_000;

	private static final int MAX_ALLOWED = 1_000_000;

	private static final Log logger = LogFactory.getLog(GenesysRateLimit.class);

	private final GenesysRateLimitSettings settings;

	private final Clock clock;

	private final String orgName;

	private final GenesysSettingNames settingNames;

	// guarded by this
	private @Nullable String tokenValue;

	private @Nullable Instant tokenIssuedAt;

	private int allowed;

	private @Nullable Instant windowEnd;

	// slots taken from the current window on; while pacing, more than the limit are slots in the windows after it
	private long reserved;

	private @Nullable Instant warnedUntil;

	private @Nullable Budget reported;

	GenesysRateLimit(GenesysRateLimitSettings settings, Clock clock, String orgName, GenesysSettingNames settingNames) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = clock;
		this.orgName = orgName;
		this.settingNames = settingNames;
		this.allowed = settings.requestsPerMinute();
	}

	/** {@return the settings it keeps to} */
	public GenesysRateLimitSettings settings() {
		return this.settings;
	}

	/** {@return whether it keeps any account: not when the mode is {@link Mode#OFF}} */
	public boolean isOn() {
		return this.settings.mode() != Mode.OFF;
	}

	/**
	 * Takes a slot for a request about to be sent with the token.
	 * @param token the token the request carries
	 * @return {@link Pacing#GO} to send at once; else how long to wait first, or that the wait would be longer than
	 * {@code maxWait} (no slot was taken then)
	 */
	public synchronized Pacing reserve(OAuth2AccessToken token) {
		if (!isOn()) {
			return Pacing.GO;
		}
		Instant now = this.clock.instant();
		if (!follow(token)) {
			// a request with a token older than the current one: the current budget is the one that is left
			return Pacing.GO;
		}
		turn(now, true);
		long window = this.reserved / this.allowed;
		if (this.settings.mode() == Mode.WARN) {
			this.reserved++;
			if (window > 0) {
				warn();
			}
			return Pacing.GO;
		}
		if (window == 0) {
			this.reserved++;
			return Pacing.GO;
		}
		Instant slot = Objects.requireNonNull(this.windowEnd).plus(WINDOW.multipliedBy(window - 1));
		Duration wait = Duration.between(now, slot);
		if (wait.compareTo(this.settings.maxWait()) > 0) {
			return new Pacing(wait, true, this.allowed);
		}
		this.reserved++;
		return new Pacing(wait, false, this.allowed);
	}

	/**
	 * Learns from an answer's {@code inin-ratelimit-*} headers.
	 * @param token the token the request carried
	 * @param count {@code inin-ratelimit-count}, or {@code null}
	 * @param allowed {@code inin-ratelimit-allowed}, or {@code null}
	 * @param reset {@code inin-ratelimit-reset}, or {@code null}
	 */
	public void report(OAuth2AccessToken token, @Nullable String count, @Nullable String allowed,
			@Nullable String reset) {
		if (!isOn() || (count == null && allowed == null && reset == null)) {
			return;
		}
		long limit = number(allowed, 1, MAX_ALLOWED);
		long seconds = number(reset, 0, WINDOW.toSeconds());
		long counted = number(count, 0, MAX_ALLOWED);
		synchronized (this) {
			if (!token.getTokenValue().equals(this.tokenValue)) {
				return;
			}
			if (limit > 0) {
				this.allowed = (int) limit;
			}
			if (seconds < 0) {
				return;
			}
			Instant now = this.clock.instant();
			// the window may have turned since the last request was sent: the report is compared with the current one
			turn(now, false);
			Instant end = this.windowEnd;
			if (end == null) {
				// no window is open: the report is of one that has closed
				return;
			}
			Instant serverEnd = now.plusSeconds(seconds);
			if (serverEnd.toEpochMilli() < end.toEpochMilli() - SAME_WINDOW_MILLIS) {
				// a window that has closed, reported late
				return;
			}
			if (counted >= 0 && limit > 0) {
				remember(new Budget((int) limit, (int) Math.max(0, limit - counted), serverEnd));
			}
			if (serverEnd.isAfter(end)) {
				// Genesys's window closes later than this one was thought to: its end is the one that counts
				this.windowEnd = serverEnd;
			}
			if (counted > this.reserved) {
				// requests this budget did not see, such as other users of the same token
				this.reserved = counted;
			}
		}
	}

	/**
	 * Learns from a 429 that the token's window is spent for the wait it asks for.
	 * @param token the token the request carried
	 * @param retryAfter the wait {@code Retry-After} asked for, or {@code null} when it named none
	 */
	public synchronized void rateLimited(OAuth2AccessToken token, @Nullable Duration retryAfter) {
		if (!isOn() || !token.getTokenValue().equals(this.tokenValue)) {
			return;
		}
		Instant now = this.clock.instant();
		turn(now, false);
		if (this.windowEnd == null) {
			// the 429 answered a request of a window that has closed since
			return;
		}
		if (retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(WINDOW) <= 0) {
			// Genesys says when it takes requests again: that is when the spent window ends, earlier or later
			this.windowEnd = now.plus(retryAfter);
			this.reserved = Math.max(this.reserved, this.allowed);
		}
	}

	/**
	 * Where the token stands as Genesys last reported it: its limit, the requests left in its window and when the
	 * window closes (a window that has closed since reports the whole limit left).
	 * @return the budget, or {@code null} before Genesys reported any, or when the mode is {@link Mode#OFF}
	 */
	public synchronized @Nullable Budget reported() {
		Budget last = this.reported;
		if (last == null || this.clock.instant().isBefore(last.resetsAt())) {
			return last;
		}
		return new Budget(last.allowed(), last.allowed(), last.resetsAt());
	}

	/**
	 * {@return the limit it paces to: the one Genesys reported, else {@link
	 * GenesysRateLimitSettings#requestsPerMinute()}}
	 */
	public synchronized int allowed() {
		return this.allowed;
	}

	// answers come back in any order: within a window, the budget reported last is the smallest
	private void remember(Budget budget) {
		Budget last = this.reported;
		boolean sameWindow = last != null && Math.abs(last.resetsAt().toEpochMilli()
				- budget.resetsAt().toEpochMilli()) <= SAME_WINDOW_MILLIS;
		if (!sameWindow || budget.remaining() < last.remaining()) {
			this.reported = budget;
		}
	}

	// whether the token is the current one, making it so when it is newer: a new token has a new budget
	private boolean follow(OAuth2AccessToken token) {
		String value = token.getTokenValue();
		if (value.equals(this.tokenValue)) {
			return true;
		}
		Instant issuedAt = token.getIssuedAt();
		if (this.tokenValue != null && issuedAt != null && this.tokenIssuedAt != null
				&& issuedAt.isBefore(this.tokenIssuedAt)) {
			return false;
		}
		this.tokenValue = value;
		this.tokenIssuedAt = issuedAt;
		this.windowEnd = null;
		this.reserved = 0;
		this.warnedUntil = null;
		this.reported = null;
		return true;
	}

	// the window a request made now falls in; slots taken beyond a closed window move on with it, while pacing; when
	// no slot is taken in it yet, a request opens the next one, as Genesys's first request of a window does
	private void turn(Instant now, boolean request) {
		Instant end = this.windowEnd;
		if (end != null && now.isBefore(end)) {
			return;
		}
		if (end != null && this.settings.mode() == Mode.PACE) {
			long closed = 1 + Duration.between(end, now).toMillis() / WINDOW.toMillis();
			long waiting = this.reserved - closed * this.allowed;
			if (waiting > 0) {
				// the requests that waited for these windows are being sent now, in the window that opened when the
				// first of them was
				this.windowEnd = end.plus(WINDOW.multipliedBy(closed));
				this.reserved = waiting;
				return;
			}
		}
		this.windowEnd = request ? now.plus(WINDOW) : null;
		this.reserved = 0;
	}

	private void warn() {
		Instant end = Objects.requireNonNull(this.windowEnd);
		if (end.equals(this.warnedUntil)) {
			return;
		}
		this.warnedUntil = end;
		logger.warn("Genesys org '" + this.orgName + "': its token has used the " + this.allowed
				+ " requests a minute Genesys allows it; calls before " + end + " will be answered 429. Set "
				+ this.settingNames.shared("rate-limit.mode") + "=pace to hold them back until the next minute "
				+ "instead.");
	}

	// a header's number, or -1 when it is absent or not a value it can have
	private static long number(@Nullable String value, long min, long max) {
		if (value == null) {
			return -1;
		}
		try {
			long number = Long.parseLong(value.trim());
			return (number >= min && number <= max) ? number : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * What a request does before it is sent.
	 *
	 * @param delay how long it waits first; {@link Duration#ZERO} to go at once
	 * @param refused whether it is not to be sent at all: the delay is longer than {@code maxWait}
	 * @param allowed the limit per minute it was paced to
	 */
	public record Pacing(Duration delay, boolean refused, int allowed) {

		/** Send at once. */
		public static final Pacing GO = new Pacing(Duration.ZERO, false, 0);

	}

	/**
	 * Where a token stands, as Genesys reported it.
	 *
	 * @param allowed the requests a minute it allows the token
	 * @param remaining the requests left in the token's window
	 * @param resetsAt when the window closes
	 */
	public record Budget(int allowed, int remaining, Instant resetsAt) {
	}

}
