package io.github.genesysoauth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * The Platform API budget of a token source's current token: Genesys Cloud allows each client-credentials token so
 * many requests a minute (300 unless raised), counted in a window that opens with the token's first request, and
 * answers 429 past them. Every call takes a slot here before it is sent: in a window with slots left it goes at
 * once, otherwise it waits for a slot in a later window, so that however many callers there are, no window gets more
 * requests than the limit and nobody meets the 429. Each window's slots go in the order they are asked for; a call
 * whose waits would add up to more than {@link GenesysRateLimitSettings#maxWait()} is refused instead, and takes no
 * slot (or gives its slot up), and so does a caller that stops waiting ({@link #release}). Callers already waiting
 * are not woken early when a window turns out to end sooner or the limit to be higher: a caller that comes later may
 * then go first.
 *
 * <p>A slot in a later window is a ticket: when its wait is over, the caller {@linkplain #confirm confirms} it, and is
 * told to wait on if what was learned meanwhile moved the window's end, or given a later slot if its window has no
 * room left (a limit learned lower, requests Genesys counted that were not sent from here). So what a caller was
 * promised never lets more requests into a window than the budget as known when it is sent.
 *
 * <p>It learns from Genesys: {@code inin-ratelimit-allowed} is the limit, {@code inin-ratelimit-count} the requests
 * Genesys counted in the window (other users of the same token count too), {@code inin-ratelimit-reset} the seconds
 * until the window closes, and a 429 whose count reached the limit (or which carries no count) says with its
 * {@code Retry-After} when the window ends; other 429s, such as a limit of one endpoint, say nothing of the token's
 * window. A report of a window that has closed (an answer that was under way while it turned) is ignored, and so is a
 * value no per-minute limit can have; a report of Genesys's next window turns the window here. Each window is
 * reckoned {@link #GUARD} longer than a minute from the first request here, as Genesys opens it when that request
 * arrives and reports its reset in whole seconds. A new token, as the token source {@linkplain #issued announces it},
 * starts a new budget (of the limit learned so far); requests and answers of other tokens are not counted.
 *
 * <p>The token source's {@link GenesysAccessTokens#rateLimit()} is what the starter's call policy paces with; an
 * application reads {@link #reported()} and {@link #allowed()}, and leaves the rest to the policy.
 *
 * <p>Written by hand: rate limiters such as Resilience4j's or Bucket4j's refill on their own clock, while Genesys's
 * window is its own, and only its headers say where it stands. All of it is a few comparisons under a lock per call,
 * on the token source's {@link Clock}.
 */
public final class GenesysRateLimit {

	static final Duration WINDOW = Duration.ofMinutes(1);

	/**
	 * How much longer than a minute a window is reckoned: Genesys's opens when the first request arrives, later than
	 * it was sent from here, and {@code inin-ratelimit-reset} counts whole seconds.
	 */
	static final Duration GUARD = Duration.ofSeconds(1);

	private static final Duration SPAN = WINDOW.plus(GUARD);

	// how far a report's window end may be from the one reckoned here and still be the same
	private static final long SAME_WINDOW_MILLIS = 2_000 + GUARD.toMillis();

	private static final int MAX_ALLOWED = 1_000_000;

	private static final Log logger = LogFactory.getLog(GenesysRateLimit.class);

	private final GenesysRateLimitSettings settings;

	private final Clock clock;

	private final String orgName;

	private final GenesysSettingNames settingNames;

	// guarded by this
	private long generation;

	private @Nullable String tokenValue;

	private int allowed;

	// the current window: its number, when it ends (null while none is open), the requests sent in it, and its slots
	// promised to callers still waiting to confirm them
	private long window;

	private @Nullable Instant windowEnd;

	private int used;

	private int promised;

	// requests sent in the current window's last seconds: when Genesys's next window turns out to have opened
	// already, they may be in it
	private int lateSends;

	// whether Genesys said the limit (inin-ratelimit-allowed) of any token, and whether a caller was held back
	// without it: then the limit paced to is only the one assumed, which is said once
	private boolean learned;

	private boolean toldAssumed;

	// slots promised in the windows after the current one: index 0 is the next window
	private final List<Integer> booked = new ArrayList<>();

	// the window warned about: once per window, however its end is corrected
	private long warned = -1;

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
	 * {@return the limit it paces to: the one Genesys reported, else
	 * {@link GenesysRateLimitSettings#requestsPerMinute()}}
	 */
	public synchronized int allowed() {
		return this.allowed;
	}

	/**
	 * Starts the budget of a token the token source has just obtained: a new token has a budget of its own.
	 * @param token the new token
	 */
	synchronized void issued(OAuth2AccessToken token) {
		if (isCurrent(token)) {
			// the same token again: its budget at Genesys is the one counted here
			return;
		}
		this.generation++;
		this.tokenValue = token.getTokenValue();
		close();
		this.booked.clear();
		this.warned = -1;
		this.reported = null;
	}

	/**
	 * Takes a slot for a request about to be sent with the token. For the call policy.
	 * @param token the token the request carries
	 * @return {@link Pacing#go()} to send at once; else how long to wait before {@linkplain #confirm confirming} the
	 * slot, or that the wait would be longer than {@code maxWait} (no slot was taken then)
	 */
	public Pacing reserve(OAuth2AccessToken token) {
		if (!isOn()) {
			return Pacing.GO;
		}
		String warning = null;
		Pacing pacing;
		synchronized (this) {
			if (!isCurrent(token)) {
				// not the token source's current token: its budget is not the one counted here
				return Pacing.GO;
			}
			Instant now = this.clock.instant();
			if (turnOrOpen(now)) {
				return Pacing.GO;
			}
			if (this.settings.mode() == Mode.WARN) {
				send(now);
				warning = (this.used > this.allowed) ? warning() : null;
				pacing = Pacing.GO;
			}
			else if (this.used + this.promised < this.allowed) {
				send(now);
				return Pacing.GO;
			}
			else {
				pacing = later(now, now.plus(this.settings.maxWait()));
				warning = assumed(pacing);
			}
		}
		if (warning != null) {
			logger.warn(warning);
		}
		return pacing;
	}

	/**
	 * Confirms a slot whose wait is over. For the call policy: each slot that {@linkplain Pacing#waits() waits} is
	 * confirmed or {@linkplain #release released}.
	 * @param slot what {@link #reserve} or an earlier confirmation returned
	 * @return {@link Pacing#go()} to send now; else how long to wait on (the window's end was found to be later), or
	 * a slot in a later window (its window has no room left), or that the call would then wait longer in all than
	 * {@code maxWait} (its slot is given up then)
	 */
	public Pacing confirm(Pacing slot) {
		if (!slot.waits()) {
			return Pacing.GO;
		}
		synchronized (this) {
			if (slot.generation != this.generation) {
				// a token has been issued since: the slot's budget is gone with the token it was for
				return Pacing.GO;
			}
			Instant now = this.clock.instant();
			if (turnOrOpen(now)) {
				return Pacing.GO;
			}
			if (slot.window > this.window) {
				Instant start = start(slot.window);
				if (start.isAfter(slot.deadline)) {
					unbook(slot.window);
					return new Pacing(Duration.between(now, start), true, this.allowed, this.generation, slot.window,
							slot.deadline);
				}
				return new Pacing(Duration.between(now, start), false, this.allowed, this.generation, slot.window,
						slot.deadline);
			}
			if (slot.window == this.window && this.promised > 0) {
				this.promised--;
			}
			if (this.used < this.allowed) {
				send(now);
				return Pacing.GO;
			}
			return later(now, slot.deadline);
		}
	}

	/**
	 * Gives up a slot whose caller stopped waiting for it (cancelled, timed out, interrupted), so that the window it
	 * was in keeps the room for others. For the call policy.
	 * @param slot what {@link #reserve} or {@link #confirm} returned
	 */
	public synchronized void release(Pacing slot) {
		if (!slot.waits() || slot.generation != this.generation) {
			return;
		}
		turn(this.clock.instant());
		if (slot.window == this.window) {
			this.promised = Math.max(0, this.promised - 1);
		}
		else if (slot.window > this.window) {
			unbook(slot.window);
		}
	}

	/**
	 * Learns from an answer's {@code inin-ratelimit-*} headers. For the call policy.
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
			if (!isCurrent(token)) {
				return;
			}
			if (limit > 0) {
				this.allowed = (int) limit;
				this.learned = true;
			}
			if (seconds < 0) {
				return;
			}
			Instant now = this.clock.instant();
			// the window may have turned since the request was sent: the report is compared with the current one
			turn(now);
			Instant end = this.windowEnd;
			if (end == null) {
				// no window is open: the report is of one that has closed
				return;
			}
			Instant genesysEnd = now.plusSeconds(seconds);
			Instant reckonedEnd = genesysEnd.plus(GUARD);
			if (genesysEnd.toEpochMilli() < end.toEpochMilli() - SAME_WINDOW_MILLIS) {
				// a window that has closed, reported late
				return;
			}
			if (reckonedEnd.toEpochMilli() >= end.toEpochMilli() + WINDOW.toMillis() - SAME_WINDOW_MILLIS) {
				// Genesys's next window: the one counted here has closed there already, and the requests sent in its
				// last seconds may have been counted in the new one
				int late = this.lateSends;
				next(reckonedEnd);
				this.used = late;
			}
			else if (reckonedEnd.isAfter(end)) {
				// Genesys's window opened later than reckoned here: its end is the one that counts
				this.windowEnd = reckonedEnd;
			}
			if (counted > this.used) {
				// requests not sent from here, such as other users of the same token
				this.used = (int) counted;
			}
			if (counted >= 0 && limit > 0) {
				remember(new Budget((int) limit, (int) Math.max(0, limit - counted), genesysEnd));
			}
		}
	}

	/**
	 * Learns from a 429. For the call policy.
	 * @param token the token the request carried
	 * @param retryAfter the wait {@code Retry-After} asked for, or {@code null} when it named none
	 * @param count the 429's {@code inin-ratelimit-count}, or {@code null}
	 * @param allowed the 429's {@code inin-ratelimit-allowed}, or {@code null}
	 */
	public synchronized void rateLimited(OAuth2AccessToken token, @Nullable Duration retryAfter,
			@Nullable String count, @Nullable String allowed) {
		if (!isOn() || !isCurrent(token)) {
			return;
		}
		long counted = number(count, 0, MAX_ALLOWED);
		long limit = number(allowed, 1, MAX_ALLOWED);
		if (counted >= 0 && counted < ((limit > 0) ? limit : this.allowed)) {
			// the token has requests left: another limit answered, such as one of the endpoint
			return;
		}
		Instant now = this.clock.instant();
		turn(now);
		if (this.windowEnd == null) {
			// the 429 answered a request of a window that has closed since
			return;
		}
		if (retryAfter != null && !retryAfter.isNegative() && retryAfter.compareTo(WINDOW) <= 0) {
			// Genesys says when it takes requests again: that is when the spent window ends, earlier or later; in
			// whole seconds, as the reset is, when it is the token's limit that answered
			this.windowEnd = now.plus(retryAfter).plus((counted >= 0) ? GUARD : Duration.ZERO);
			this.used = Math.max(this.used, this.allowed);
		}
	}

	// whether the token is the one the token source announced last, whose budget is counted here
	private boolean isCurrent(OAuth2AccessToken token) {
		return token.getTokenValue().equals(this.tokenValue);
	}

	// a slot in the first window after the current one with room, unless it opens after the call's deadline
	private Pacing later(Instant now, Instant deadline) {
		int index = 0;
		while (index < this.booked.size() && this.booked.get(index) >= this.allowed) {
			index++;
		}
		long slotWindow = this.window + 1 + index;
		Instant start = start(slotWindow);
		Duration wait = Duration.between(now, start);
		if (start.isAfter(deadline)) {
			return new Pacing(wait, true, this.allowed, this.generation, slotWindow, deadline);
		}
		if (index == this.booked.size()) {
			this.booked.add(1);
		}
		else {
			this.booked.set(index, this.booked.get(index) + 1);
		}
		return new Pacing(wait, false, this.allowed, this.generation, slotWindow, deadline);
	}

	private void unbook(long slotWindow) {
		int index = (int) (slotWindow - this.window - 1);
		if (index >= 0 && index < this.booked.size() && this.booked.get(index) > 0) {
			this.booked.set(index, this.booked.get(index) - 1);
		}
	}

	// a request sent now in the current window
	private void send(Instant now) {
		this.used++;
		if (now.toEpochMilli() >= Objects.requireNonNull(this.windowEnd).toEpochMilli() - SAME_WINDOW_MILLIS) {
			this.lateSends++;
		}
	}

	// said once, when a caller is first held back at the limit assumed, as no answer has said the real one
	private @Nullable String assumed(Pacing pacing) {
		if (this.learned || this.toldAssumed || !pacing.waits()) {
			return null;
		}
		this.toldAssumed = true;
		return "Genesys org '" + this.orgName + "': calls are held back at " + this.allowed + " requests a minute, "
				+ "the limit assumed (" + this.settingNames.shared("rate-limit.requests-per-minute") + "), as no "
				+ "answer has carried inin-ratelimit-allowed yet. Genesys Cloud sends it on every answer; against a "
				+ "server that does not (a mock, a stand-in without a limit), set "
				+ this.settingNames.shared("rate-limit.mode") + "=off.";
	}

	// when a window after the current one opens: the current one's end, and a span for each window between
	private Instant start(long slotWindow) {
		return Objects.requireNonNull(this.windowEnd).plus(SPAN.multipliedBy(slotWindow - this.window - 1));
	}

	// the window a request sent now falls in; whether the request opened it (and goes at once)
	private boolean turnOrOpen(Instant now) {
		turn(now);
		if (this.windowEnd != null) {
			return false;
		}
		open(now);
		return true;
	}

	// a request opens a window when none is open, as Genesys's first request of a window does
	private void open(Instant now) {
		this.window++;
		this.windowEnd = now.plus(SPAN);
		this.used = 1;
		this.promised = 0;
		this.lateSends = 0;
	}

	// the window a request made now falls in: a closed window gives way to the next, whose promised slots move on
	// with it (the callers who waited for it are being sent now, and their first opens it), or to none
	private void turn(Instant now) {
		while (this.windowEnd != null && !now.isBefore(this.windowEnd)) {
			if (this.booked.isEmpty()) {
				close();
				return;
			}
			next(this.windowEnd.plus(SPAN));
		}
	}

	// no window open: the next request opens one
	private void close() {
		this.windowEnd = null;
		this.used = 0;
		this.promised = 0;
		this.lateSends = 0;
	}

	private void next(Instant end) {
		this.window++;
		this.windowEnd = end;
		this.used = 0;
		this.lateSends = 0;
		this.promised = this.booked.isEmpty() ? 0 : this.booked.remove(0);
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

	// the warning for a window whose budget has run out, once per window; logged by the caller, outside the lock
	private @Nullable String warning() {
		Instant end = Objects.requireNonNull(this.windowEnd);
		if (this.warned == this.window) {
			return null;
		}
		this.warned = this.window;
		return "Genesys org '" + this.orgName + "': its token has used the " + this.allowed
				+ " requests a minute Genesys allows it; calls before " + end + " will be answered 429. Set "
				+ this.settingNames.shared("rate-limit.mode") + "=pace to hold them back until the next minute "
				+ "instead.";
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
	 * What a request does before it is sent: go, wait for a slot and then {@linkplain GenesysRateLimit#confirm
	 * confirm} it, or not be sent at all.
	 */
	public static final class Pacing {

		private static final Pacing GO = new Pacing(Duration.ZERO, false, 0, -1, -1, Instant.MAX);

		private final Duration delay;

		private final boolean refused;

		private final int allowed;

		private final long generation;

		private final long window;

		// when the call has waited as long as maxWait allows, from its first reservation
		private final Instant deadline;

		private Pacing(Duration delay, boolean refused, int allowed, long generation, long window, Instant deadline) {
			this.delay = delay;
			this.refused = refused;
			this.allowed = allowed;
			this.generation = generation;
			this.window = window;
			this.deadline = deadline;
		}

		/**
		 * Send at once.
		 * @return the pacing of a request that goes at once
		 */
		public static Pacing go() {
			return GO;
		}

		/** {@return how long to wait before confirming the slot; {@link Duration#ZERO} when it goes at once} */
		public Duration delay() {
			return this.delay;
		}

		/** {@return whether the request is not to be sent at all: the wait would be longer than {@code maxWait}} */
		public boolean isRefused() {
			return this.refused;
		}

		/** {@return whether the request waits for its slot} */
		public boolean waits() {
			return !this.refused && !this.delay.isZero();
		}

		/** {@return the limit per minute it was paced to; 0 when it goes at once} */
		public int allowed() {
			return this.allowed;
		}

		@Override
		public String toString() {
			return this.refused ? "refused (a wait of " + this.delay + ")"
					: (this.delay.isZero() ? "go" : "wait " + this.delay + " for window " + this.window);
		}

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
