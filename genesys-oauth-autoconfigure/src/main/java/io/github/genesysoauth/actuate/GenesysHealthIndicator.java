package io.github.genesysoauth.actuate;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicReference;

import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import io.github.genesysoauth.token.GenesysRateLimit;
import io.github.genesysoauth.token.GenesysTokenState;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * Health of the Genesys Cloud client ({@code /actuator/health/genesys}): UP with {@code region}, {@code tokenUri}
 * and {@code expiresIn} (seconds) while a valid token is held or can be obtained, plus {@code renewalError} and
 * {@code renewalRetryAt} while the renewal of a token that still works has failed, and {@code rateLimit}
 * ({@code allowed}, {@code remaining}, {@code resetsIn} seconds) while the token has a tenth of its minute's requests
 * left or less, as Genesys last reported them; DOWN with Genesys's {@code error}
 * and {@code errorDescription} when no token can be had (e.g. {@code invalid_client}).
 *
 * <p>It asks {@link GenesysAccessTokens} like any caller, so it shares the single flight and the pause after a
 * failure, and it keeps its verdict for {@code cacheTime}: probes never flood the token endpoint. Optionally it also
 * calls {@code GET /api/v2/tokens/me}, which catches an OAuth client disabled in Genesys while its token has not
 * expired yet, at the price of one Platform API request per verdict. No token or secret appears in any detail.
 *
 * <p>DOWN with {@code token_rejected} while token requests pause because the Platform API rejected the tokens the
 * login service issued (see {@link GenesysAccessTokens#unauthorized}). Every check answers within the token source's
 * {@code tokenRequestTimeout} plus one second, DOWN with {@code error: timeout} when the token or the probe did not
 * come in time; the next check after the cache time asks again.
 */
public final class GenesysHealthIndicator implements ReactiveHealthIndicator {

	/** The path the optional probe asks: it needs no permission, and answers 401 to a token Genesys no longer honours. */
	public static final String TOKEN_INFO_PATH = "/api/v2/tokens/me";

	private static final String TIMEOUT = "timeout";

	private final GenesysAccessTokens tokens;

	private final String region;

	private final Duration cacheTime;

	private final @Nullable Function<String, Mono<Integer>> tokenInfo;

	private final Clock clock;

	private final Duration timeout;

	private final AtomicReference<@Nullable Verdict> verdict = new AtomicReference<>();

	/**
	 * Creates the indicator.
	 * @param tokens the token source
	 * @param region the region (or domain) configured, for the details
	 * @param cacheTime how long a verdict is kept
	 * @param tokenInfo sends {@code GET} to the given path through the org's Platform API client and gives the answer's
	 * HTTP status (as {@code genesysWebClient} or {@code genesysRestClient} would, with its recovery and settings), or
	 * {@code null} not to call {@link #TOKEN_INFO_PATH}
	 * @param clock the clock that ages verdicts
	 */
	public GenesysHealthIndicator(GenesysAccessTokens tokens, String region, Duration cacheTime,
			@Nullable Function<String, Mono<Integer>> tokenInfo, Clock clock) {
		this.tokens = Objects.requireNonNull(tokens, "tokens");
		this.region = Objects.requireNonNull(region, "region");
		this.cacheTime = Objects.requireNonNull(cacheTime, "cacheTime");
		this.tokenInfo = tokenInfo;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.timeout = tokens.tokenRequestTimeout().plusSeconds(1);
	}

	@Override
	public Mono<Health> health() {
		Instant now = this.clock.instant();
		Verdict current = this.verdict.get();
		if (current != null && current.isValidAt(now)) {
			return current.health;
		}
		// while it runs, concurrent probes join the check; it is bounded, and so is its claim on them
		Verdict next = new Verdict(now.plus(this.timeout));
		next.health = check().doOnSuccess((health) -> next.validUntil = this.clock.instant().plus(this.cacheTime))
			.cache();
		// concurrent probes share one check, as callers share one token request
		return this.verdict.compareAndSet(current, next) ? next.health : health();
	}

	// Every failure becomes a DOWN verdict, never an error: an error would be cached as it is, and for good.
	private Mono<Health> check() {
		AtomicBoolean gotToken = new AtomicBoolean();
		return this.tokens.accessToken()
			.flatMap((token) -> {
				gotToken.set(true);
				GenesysAuthenticationException rejected = rejection();
				if (rejected != null) {
					return Mono.just(down(rejected));
				}
				return (this.tokenInfo != null) ? tokenInfo(this.tokenInfo) : Mono.just(up());
			})
			.timeout(this.timeout, Mono.fromSupplier(() -> down(TIMEOUT, (gotToken.get()
					? "GET " + TOKEN_INFO_PATH + " did not answer" : "no access token came") + " within "
					+ this.timeout.toMillis() + " ms")))
			.onErrorResume((failure) -> Mono.just(down(failure)));
	}

	// only while renewals pause: afterwards the next answer of the API decides again
	private @Nullable GenesysAuthenticationException rejection() {
		GenesysTokenState state = this.tokens.state();
		GenesysAuthenticationException failure = state.lastFailure();
		return (failure != null && GenesysAuthenticationException.TOKEN_REJECTED.equals(failure.getErrorCode())
				&& state.pausedUntil() != null && this.clock.instant().isBefore(state.pausedUntil())) ? failure : null;
	}

	private Mono<Health> tokenInfo(Function<String, Mono<Integer>> probe) {
		return probe.apply(TOKEN_INFO_PATH)
			.map((status) -> (status >= 200 && status < 300) ? up()
					: down("token_info_failed", "GET " + TOKEN_INFO_PATH + " answered " + status));
	}

	private Health down(Throwable failure) {
		if (failure instanceof GenesysAuthenticationException refused) {
			return down(refused.getErrorCode(), String.valueOf(refused.getDescription()));
		}
		// the type only: a message could carry anything
		return down("token_info_failed", "GET " + TOKEN_INFO_PATH + " failed: " + failure.getClass().getSimpleName());
	}

	private Health down(String error, String description) {
		return details(Health.down()).withDetail("error", error).withDetail("errorDescription", description).build();
	}

	private Health up() {
		Health.Builder up = details(Health.up()).withDetail("expiresIn", this.tokens.expiresIn().toSeconds());
		GenesysTokenState state = this.tokens.state();
		GenesysAuthenticationException failure = state.lastFailure();
		if (failure != null && state.expiresAt() != null) {
			// a renewal failed and the token it was to replace still works: said while there is time to act
			up.withDetail("renewalError", failure.getErrorCode())
				.withDetail("renewalRetryAt", String.valueOf(state.pausedUntil()));
		}
		GenesysRateLimit.Budget budget = this.tokens.rateLimit().reported();
		if (budget != null && budget.remaining() * 10L <= budget.allowed()) {
			// near the limit: calls are held back or answered 429 soon, said before callers notice
			long resetsIn = Math.max(0, Duration.between(this.clock.instant(), budget.resetsAt()).toSeconds());
			Map<String, Object> rateLimit = new LinkedHashMap<>();
			rateLimit.put("allowed", budget.allowed());
			rateLimit.put("remaining", budget.remaining());
			rateLimit.put("resetsIn", resetsIn);
			up.withDetail("rateLimit", rateLimit);
		}
		return up.build();
	}

	private Health.Builder details(Health.Builder builder) {
		URI tokenUri = this.tokens.tokenUri();
		return builder.withDetail("region", this.region).withDetail("tokenUri", tokenUri.toString());
	}

	private static final class Verdict {

		private Mono<Health> health = Mono.empty();

		private volatile Instant validUntil;

		Verdict(Instant validUntil) {
			this.validUntil = validUntil;
		}

		boolean isValidAt(Instant now) {
			return now.isBefore(this.validUntil);
		}

	}

}
