package io.github.genesysoauth.token;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.github.genesysoauth.token.GenesysRateLimit.Budget;
import io.github.genesysoauth.token.GenesysRateLimit.Pacing;
import io.github.genesysoauth.token.GenesysRateLimitSettings.Mode;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The per-token budget on its own, on a clock the test moves: what it learns and what it hands out. */
class GenesysRateLimitTest {

	private static final Instant START = Instant.parse("2026-12-07T09:00:00Z");

	private final MutableClock clock = MutableClock.of(START, ZoneOffset.UTC);

	private final OAuth2AccessToken token = token("first", START);

	@Test
	void pacesAtTheConfiguredLimitUntilGenesysSaysOtherwise() {
		GenesysRateLimit budget = budget(Mode.PACE, 3, Duration.ofMinutes(5));

		assertThat(reserve(budget, 3)).containsOnly(Duration.ZERO);
		assertThat(reserve(budget, 3)).as("a window is reckoned a minute and the guard second")
			.containsOnly(Duration.ofSeconds(61));
		assertThat(budget.reserve(this.token).delay()).as("a slot two windows on").isEqualTo(Duration.ofSeconds(122));
		this.clock.add(Duration.ofSeconds(61));
		assertThat(budget.reserve(this.token).delay()).as("the second window is taken by those who waited for it")
			.isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void learnsTheLimitAndWhereTheWindowEndsFromGenesys() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		budget.reserve(this.token);
		this.clock.add(Duration.ofSeconds(1));

		budget.report(this.token, "2", "2", "60");

		assertThat(budget.allowed()).isEqualTo(2);
		assertThat(budget.reserve(this.token).delay()).as("Genesys's window ends later than the one reckoned here")
			.isEqualTo(Duration.ofSeconds(61));
		assertThat(budget.reported()).isEqualTo(new Budget(2, 0, START.plusSeconds(61)));
	}

	@Test
	void countsRequestsThatGenesysSawAndItDidNot() {
		GenesysRateLimit budget = budget(Mode.PACE, 10, Duration.ofMinutes(5));
		budget.reserve(this.token);

		budget.report(this.token, "10", "10", "60");

		assertThat(budget.reserve(this.token).delay()).isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void ignoresTheLateReportOfAWindowThatHasClosed() {
		GenesysRateLimit budget = budget(Mode.PACE, 10, Duration.ofMinutes(5));
		budget.reserve(this.token);
		this.clock.add(Duration.ofSeconds(61));
		budget.reserve(this.token);

		budget.report(this.token, "10", "10", "1");

		assertThat(budget.reserve(this.token).delay()).isZero();
		assertThat(budget.reported()).isNull();
	}

	@Test
	void aReportOfGenesyssNextWindowTurnsTheWindowInsteadOfStretchingIt() {
		GenesysRateLimit budget = budget(Mode.PACE, 10, Duration.ofMinutes(5));
		reserve(budget, 10);
		this.clock.add(Duration.ofSeconds(60));

		// a request sent in the guard second opened Genesys's next window
		budget.report(this.token, "1", "10", "60");

		assertThat(reserve(budget, 9)).containsOnly(Duration.ZERO);
		assertThat(budget.reserve(this.token).delay()).isEqualTo(Duration.ofSeconds(61));
	}

	// benchmark 17 found the pacer before this one losing a window at each turn: the first answers of Genesys's new
	// window stretched the full one for another minute
	@Test
	void theFirstAnswersOfTheNextWindowLeaveItsSlotsToTheCallsMadeInIt() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		reserve(budget, 300);
		List<Pacing> waiting = slots(budget, 32);
		this.clock.add(Duration.ofMillis(61_005));
		assertThat(waiting).allSatisfy((slot) -> assertThat(budget.confirm(slot).waits()).isFalse());
		this.clock.add(Duration.ofMillis(5));

		// Genesys opened its window when the first of them arrived, and rounds the reset up
		budget.report(this.token, "32", "300", "60");

		assertThat(reserve(budget, 268)).containsOnly(Duration.ZERO);
		assertThat(budget.reserve(this.token).delay()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(62));
	}

	@Test
	void aReportOfGenesyssNextWindowBeforeTheTurnHereGivesItsSlotsAtOnce() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		reserve(budget, 300);
		this.clock.add(Duration.ofMillis(60_500));
		Pacing waiting = budget.reserve(this.token);

		// another user of the token opened Genesys's next window 0.3 s ago
		budget.report(this.token, "1", "300", "60");

		assertThat(reserve(budget, 298)).as("one for the other user, one for the waiting call")
			.containsOnly(Duration.ZERO);
		assertThat(budget.reserve(this.token).waits()).isTrue();
		assertThat(budget.confirm(waiting).waits()).isFalse();
	}

	@Test
	void aResetRoundedDownKeepsTheNextWindowsCallsAfterGenesyssWindowEnds() {
		GenesysRateLimit budget = budget(Mode.PACE, 1, Duration.ofMinutes(5));
		budget.reserve(this.token);
		// the request reached Genesys 0.8 s after it was sent: Genesys's window ends at 60.8 s; 0.8 s later its
		// answer says 59 s (59.2 s rounded down)
		this.clock.add(Duration.ofMillis(1600));

		budget.report(this.token, "1", "1", "59");

		Duration wait = budget.reserve(this.token).delay();
		assertThat(this.clock.instant().plus(wait)).isAfterOrEqualTo(START.plusMillis(60_800));
	}

	@Test
	void ignoresValuesNoPerMinuteLimitCanHave() {
		GenesysRateLimit budget = budget(Mode.PACE, 2, Duration.ofMinutes(5));
		budget.reserve(this.token);

		budget.report(this.token, "many", "0", "86400");

		assertThat(budget.allowed()).isEqualTo(2);
		assertThat(budget.reserve(this.token).delay()).isZero();
		assertThat(budget.reserve(this.token).delay()).as("the window still ends where it was reckoned to")
			.isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void aNewTokenHasANewBudgetAndAnyOtherTeachesNothing() {
		GenesysRateLimit budget = budget(Mode.PACE, 2, Duration.ofMinutes(5));
		reserve(budget, 2);
		Pacing waiting = budget.reserve(this.token);
		OAuth2AccessToken renewed = token("second", START.plusSeconds(10));

		budget.issued(renewed);

		assertThat(budget.reserve(renewed).delay()).isZero();
		budget.report(this.token, "2", "2", "50");
		Pacing older = budget.reserve(this.token);
		assertThat(older.waits()).as("an older token's request is not counted").isFalse();
		assertThat(older.isRefused()).isFalse();
		assertThat(budget.reported()).isNull();
		assertThat(budget.confirm(waiting).waits()).as("a slot of the older token's budget").isFalse();
		assertThat(budget.reserve(renewed).delay()).as("the new token's second slot").isZero();
		assertThat(budget.reserve(renewed).delay()).isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void a429OfTheTokensLimitSpendsTheWindowForAsLongAsItAsksAndTheGuardSecond() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		budget.reserve(this.token);
		this.clock.add(Duration.ofSeconds(50));

		budget.rateLimited(this.token, Duration.ofSeconds(20), "300", "300");

		assertThat(budget.reserve(this.token).delay()).isEqualTo(Duration.ofSeconds(20).plus(GenesysRateLimit.GUARD));
	}

	@Test
	void a429WithoutTheRateLimitHeadersSpendsTheWindowToo() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		budget.reserve(this.token);

		budget.rateLimited(this.token, Duration.ofSeconds(3), null, null);

		assertThat(budget.reserve(this.token).delay()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void a429OfAnotherLimitLeavesTheTokensWindowAlone() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofMinutes(5));
		budget.reserve(this.token);

		// such as a limit of one endpoint: the token has requests left
		budget.rateLimited(this.token, Duration.ofSeconds(20), "12", "300");

		assertThat(budget.reserve(this.token).delay()).isZero();
	}

	@Test
	void aLimitLearnedLowerWhileCallersWaitLetsNoMoreIntoTheirWindow() {
		GenesysRateLimit budget = budget(Mode.PACE, 4, Duration.ofMinutes(5));
		reserve(budget, 4);
		List<Pacing> waiting = slots(budget, 4);
		this.clock.add(Duration.ofSeconds(1));
		budget.report(this.token, "4", "2", "59");
		this.clock.add(Duration.ofSeconds(60));

		List<Duration> next = waiting.stream().map(budget::confirm).map(Pacing::delay).toList();

		assertThat(next).containsExactly(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(61), Duration.ofSeconds(61));
	}

	@Test
	void aWindowFoundToEndLaterHoldsItsWaitingCallersOn() {
		GenesysRateLimit budget = budget(Mode.PACE, 1, Duration.ofMinutes(5));
		budget.reserve(this.token);
		Pacing waiting = budget.reserve(this.token);
		assertThat(waiting.delay()).isEqualTo(Duration.ofSeconds(61));
		this.clock.add(Duration.ofSeconds(10));
		// the one request reached Genesys late: its window ends at 65 s
		budget.report(this.token, "1", "1", "55");
		this.clock.add(Duration.ofSeconds(51));

		Pacing confirmed = budget.confirm(waiting);

		assertThat(confirmed.delay()).isEqualTo(Duration.ofSeconds(5));
		this.clock.add(Duration.ofSeconds(5));
		assertThat(budget.confirm(confirmed).waits()).isFalse();
		assertThat(budget.reserve(this.token).delay()).as("the window's one slot is the waiting caller's")
			.isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void aReportThatTurnsTheWindowKeepsTheRequestsSentInTheLastSecondsOfTheOldOne() {
		GenesysRateLimit budget = budget(Mode.PACE, 10, Duration.ofMinutes(5));
		budget.reserve(this.token);
		this.clock.add(Duration.ofMillis(60_200));
		// Genesys's window closed at 60 s: these open its next one
		assertThat(reserve(budget, 9)).containsOnly(Duration.ZERO);
		this.clock.add(Duration.ofMillis(100));

		budget.report(this.token, "1", "10", "59");

		assertThat(reserve(budget, 9).stream().filter(Duration::isZero)).as("what is left of Genesys's window of 10")
			.hasSize(1);
	}

	@Test
	void aCallerThatStopsWaitingLeavesItsSlotToOthers() {
		GenesysRateLimit budget = budget(Mode.PACE, 10, Duration.ofMinutes(5));
		reserve(budget, 10);
		List<Pacing> givenUp = slots(budget, 10);
		givenUp.subList(0, 5).forEach(budget::release);
		this.clock.add(Duration.ofSeconds(61));
		givenUp.subList(5, 10).forEach(budget::release);

		assertThat(reserve(budget, 10)).as("nobody was sent in this window").containsOnly(Duration.ZERO);
	}

	@Test
	void noCallWaitsLongerThanMaxWaitInAll() {
		GenesysRateLimit budget = budget(Mode.PACE, 4, Duration.ofSeconds(90));
		reserve(budget, 4);
		List<Pacing> waiting = slots(budget, 4);
		this.clock.add(Duration.ofSeconds(1));
		budget.report(this.token, "4", "2", "59");
		this.clock.add(Duration.ofSeconds(60));

		List<Pacing> next = waiting.stream().map(budget::confirm).toList();

		assertThat(next).extracting(Pacing::waits).containsExactly(false, false, false, false);
		assertThat(next).extracting(Pacing::isRefused).as("a second window's wait is past the deadline")
			.containsExactly(false, false, true, true);
		assertThat(reserve(budget, 1)).as("the refused took no slot of the next window")
			.containsExactly(Duration.ofSeconds(61));
	}

	@Test
	void aWindowFoundToEndPastTheDeadlineRefusesTheCallWaitingForIt() {
		GenesysRateLimit budget = budget(Mode.PACE, 1, Duration.ofSeconds(90));
		budget.reserve(this.token);
		Pacing slot = budget.reserve(this.token);
		this.clock.add(Duration.ofSeconds(60));
		// the one request reached Genesys late: its window ends 30 s on, and the guard second after it
		budget.report(this.token, "1", "1", "30");
		this.clock.add(slot.delay().minusSeconds(60));

		Pacing confirmed = budget.confirm(slot);

		assertThat(confirmed.isRefused()).as("61 s waited and 30 s more is past the 90 s of maxWait").isTrue();
		assertThat(confirmed.delay()).isEqualTo(Duration.ofSeconds(30));
		assertThat(budget.reserve(this.token).delay()).as("the refused call's slot is free")
			.isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void aWaitPastMaxWaitIsRefusedAndTakesNoSlot() {
		GenesysRateLimit budget = budget(Mode.PACE, 1, Duration.ofSeconds(90));
		budget.reserve(this.token);
		assertThat(budget.reserve(this.token).delay()).isEqualTo(Duration.ofSeconds(61));

		Pacing refused = budget.reserve(this.token);

		assertThat(refused.isRefused()).isTrue();
		assertThat(refused.waits()).isFalse();
		assertThat(refused.delay()).isEqualTo(Duration.ofSeconds(122));
		assertThat(refused.allowed()).isEqualTo(1);
		this.clock.add(Duration.ofSeconds(61));
		assertThat(budget.reserve(this.token).delay()).as("the refused call took no slot")
			.isEqualTo(Duration.ofSeconds(61));
	}

	@Test
	void warnOnlyNeverHoldsACallBack() {
		GenesysRateLimit budget = budget(Mode.WARN, 1, Duration.ofSeconds(60));

		assertThat(reserve(budget, 5)).containsOnly(Duration.ZERO);
	}

	@Test
	void offKeepsNoAccount() {
		GenesysRateLimit budget = budget(Mode.OFF, 1, Duration.ofSeconds(60));

		assertThat(reserve(budget, 5)).containsOnly(Duration.ZERO);
		budget.report(this.token, "1", "1", "60");
		assertThat(budget.reported()).isNull();
	}

	@Test
	void aReportedBudgetIsWholeAgainOnceItsWindowHasClosed() {
		GenesysRateLimit budget = budget(Mode.PACE, 300, Duration.ofSeconds(60));
		budget.reserve(this.token);
		budget.report(this.token, "290", "300", "60");
		budget.report(this.token, "280", "300", "60");

		assertThat(budget.reported()).as("answers come in any order: the lowest stays")
			.isEqualTo(new Budget(300, 10, START.plusSeconds(60)));
		this.clock.add(Duration.ofSeconds(60));
		assertThat(budget.reported()).isEqualTo(new Budget(300, 300, START.plusSeconds(60)));
	}

	@Test
	void settingsAreChecked() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GenesysRateLimitSettings(Mode.PACE, 0,
				Duration.ofSeconds(1))).withMessage("requestsPerMinute must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new GenesysRateLimitSettings(Mode.PACE, 1,
				Duration.ofSeconds(-1))).withMessage("maxWait must not be negative");
	}

	private List<Pacing> slots(GenesysRateLimit budget, int calls) {
		List<Pacing> slots = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			slots.add(budget.reserve(this.token));
		}
		return slots;
	}

	private List<Duration> reserve(GenesysRateLimit budget, int calls) {
		List<Duration> delays = new ArrayList<>();
		for (int i = 0; i < calls; i++) {
			delays.add(budget.reserve(this.token).delay());
		}
		return delays;
	}

	private GenesysRateLimit budget(Mode mode, int requestsPerMinute, Duration maxWait) {
		GenesysRateLimit budget = new GenesysRateLimit(new GenesysRateLimitSettings(mode, requestsPerMinute, maxWait),
				this.clock, "default", GenesysSettingNames.CODE);
		budget.issued(this.token);
		return budget;
	}

	private static OAuth2AccessToken token(String value, Instant issuedAt) {
		return new OAuth2AccessToken(TokenType.BEARER, value, issuedAt, issuedAt.plusSeconds(86399));
	}

}
