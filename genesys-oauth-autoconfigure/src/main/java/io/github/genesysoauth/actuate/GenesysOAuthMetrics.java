package io.github.genesysoauth.actuate;

import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.client.GenesysRetryReason;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One Genesys org's meters, all tagged with the {@code org} name and the OAuth {@code client} id: gauge
 * {@code genesys.oauth.token.expires.in} (seconds left on the cached token, 0 when none), counter
 * {@code genesys.api.retries} (each retry of a Platform API call, by {@code reason}), timer
 * {@code genesys.api.rate-limit.waits} (calls held back to keep under the token's rate limit, and for how long),
 * counter {@code genesys.api.rate-limit.refused} (calls not sent because that wait would have been longer than
 * {@code max-wait}) and gauge {@code genesys.api.rate-limit.remaining} (requests left in the token's minute as Genesys
 * last reported it; NaN before it has). Every retry reason is registered at zero, so dashboards see the series before
 * the first retry. The counters and the timer count what {@link #retryListener()} is told: give that listener to the
 * clients of the same token source.
 *
 * <p>An org released for being idle and used again keeps its meters: {@link #use} gives them the org's new token
 * source, and {@link #release} takes it away (the gauge shows 0, no token held). {@link #forget()} removes every
 * meter of an org that is gone. None of these searches the registry, which may hold the meters of many orgs.
 */
public final class GenesysOAuthMetrics implements MeterBinder, AutoCloseable {

	/** Name of the gauge. */
	public static final String TOKEN_EXPIRES_IN = "genesys.oauth.token.expires.in";

	/** Name of the counter of retries. */
	public static final String API_RETRIES = "genesys.api.retries";

	/** Name of the timer of waits for the rate limit. */
	public static final String RATE_LIMIT_WAITS = "genesys.api.rate-limit.waits";

	/** Name of the counter of calls refused for the rate limit. */
	public static final String RATE_LIMIT_REFUSED = "genesys.api.rate-limit.refused";

	/** Name of the gauge of the rate-limit budget left. */
	public static final String RATE_LIMIT_REMAINING = "genesys.api.rate-limit.remaining";

	private final AtomicReference<@Nullable GenesysAccessTokens> tokens;

	private final String org;

	private final String client;

	private final @Nullable String sharedLabel;

	private final List<Map<GenesysRetryReason, Counter>> retryCounters = new CopyOnWriteArrayList<>();

	private final List<Timer> waitTimers = new CopyOnWriteArrayList<>();

	private final List<Counter> refusedCounters = new CopyOnWriteArrayList<>();

	private final List<Runnable> gaugeRemovals = new CopyOnWriteArrayList<>();

	private final List<Runnable> counterRemovals = new CopyOnWriteArrayList<>();

	/**
	 * Creates the meters of one token source, tagged with its org and client.
	 * @param tokens the token source
	 */
	public GenesysOAuthMetrics(GenesysAccessTokens tokens) {
		this(tokens, null);
	}

	private GenesysOAuthMetrics(GenesysAccessTokens tokens, @Nullable String sharedLabel) {
		this.tokens = new AtomicReference<>(Objects.requireNonNull(tokens, "tokens"));
		this.sharedLabel = sharedLabel;
		this.org = (sharedLabel != null) ? sharedLabel : tokens.orgName();
		this.client = (sharedLabel != null) ? sharedLabel : tokens.clientRegistration().getClientId();
	}

	/**
	 * Whether these meters can serve that token source: same org and OAuth client.
	 * @param tokens a token source
	 * @return whether {@link #use} may give it to these meters
	 */
	public boolean fits(GenesysAccessTokens tokens) {
		return this.sharedLabel != null || (this.org.equals(tokens.orgName())
				&& this.client.equals(tokens.clientRegistration().getClientId()));
	}

	/**
	 * Gives the meters the org's token source of the moment, made again after a release.
	 * @param tokens the token source, of the same org and client
	 */
	public void use(GenesysAccessTokens tokens) {
		this.tokens.set(Objects.requireNonNull(tokens, "tokens"));
	}

	/**
	 * Takes a token source away once it is released, unless a newer one took its place already.
	 * @param released the released token source
	 */
	public void release(GenesysAccessTokens released) {
		this.tokens.compareAndSet(released, null);
	}

	/**
	 * Whether these meters serve no token source now but, perhaps, the given one: what an org that is gone may forget
	 * without taking the meters of a newer token source of the same org.
	 * @param tokens the token source of the org that is gone
	 * @return whether no other token source uses these meters
	 */
	public boolean servesNoneBut(GenesysAccessTokens tokens) {
		GenesysAccessTokens current = this.tokens.get();
		return current == null || current == tokens;
	}

	private double expiresInSeconds() {
		GenesysAccessTokens current = this.tokens.get();
		return (current != null) ? current.expiresIn().toMillis() / 1000.0 : 0;
	}

	private double remainingRequests() {
		GenesysAccessTokens current = this.tokens.get();
		GenesysRateLimit.Budget reported = (current != null) ? current.rateLimit().reported() : null;
		return (reported != null) ? reported.remaining() : Double.NaN;
	}

	/**
	 * Meters that one token source shares with others, for fleets of very many orgs: the counter is tagged with the
	 * label as {@code org} and {@code client}, so it adds up all of them, and there is no gauge, which cannot be
	 * shared.
	 * @param tokens the token source
	 * @param label the {@code org} and {@code client} tag, such as {@code run-time}
	 * @return the meters
	 */
	public static GenesysOAuthMetrics shared(GenesysAccessTokens tokens, String label) {
		return new GenesysOAuthMetrics(tokens, Objects.requireNonNull(label, "label"));
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String org = this.org;
		String client = this.client;
		if (this.sharedLabel == null) {
			// the gauge holds these meters weakly: whoever binds them keeps them
			Gauge gauge = Gauge.builder(TOKEN_EXPIRES_IN, this, GenesysOAuthMetrics::expiresInSeconds)
				.description("Time left on the cached Genesys Cloud access token; 0 when none is held")
				.baseUnit("seconds")
				.tag("org", org)
				.tag("client", client)
				.register(registry);
			this.gaugeRemovals.add(() -> registry.remove(gauge));
			Gauge remaining = Gauge.builder(RATE_LIMIT_REMAINING, this, GenesysOAuthMetrics::remainingRequests)
				.description("Platform API requests left in the current minute of the Genesys Cloud access token, as "
						+ "Genesys last reported them (inin-ratelimit-*); NaN before it has")
				.baseUnit("requests")
				.tag("org", org)
				.tag("client", client)
				.register(registry);
			this.gaugeRemovals.add(() -> registry.remove(remaining));
		}
		Timer waits = Timer.builder(RATE_LIMIT_WAITS)
			.description("Genesys Cloud Platform API calls held back to keep under the token's rate limit, and for "
					+ "how long")
			.tag("org", org)
			.tag("client", client)
			.register(registry);
		this.waitTimers.add(waits);
		Counter refused = Counter.builder(RATE_LIMIT_REFUSED)
			.description("Genesys Cloud Platform API calls not sent: keeping under the token's rate limit would have "
					+ "taken longer than the longest wait allowed")
			.tag("org", org)
			.tag("client", client)
			.register(registry);
		this.refusedCounters.add(refused);
		if (this.sharedLabel == null) {
			this.counterRemovals.add(() -> registry.remove(waits));
			this.counterRemovals.add(() -> registry.remove(refused));
		}
		Map<GenesysRetryReason, Counter> counters = new EnumMap<>(GenesysRetryReason.class);
		for (GenesysRetryReason reason : GenesysRetryReason.values()) {
			Counter counter = Counter.builder(API_RETRIES)
				.description("Genesys Cloud Platform API requests sent again, by reason")
				.tag("org", org)
				.tag("client", client)
				.tag("reason", reason.value())
				.register(registry);
			counters.put(reason, counter);
			if (this.sharedLabel == null) {
				this.counterRemovals.add(() -> registry.remove(counter));
			}
		}
		this.retryCounters.add(counters);
	}

	/**
	 * Removes every meter of this token source, the counters too (shared ones stay): for an org that is gone, whose
	 * series should not stay in the registry.
	 */
	public void forget() {
		close();
		this.counterRemovals.forEach(Runnable::run);
		this.counterRemovals.clear();
	}

	/** Removes the gauge from every registry it was bound to: its token source is gone for good. */
	@Override
	public void close() {
		this.gaugeRemovals.forEach(Runnable::run);
		this.gaugeRemovals.clear();
	}

	/**
	 * The listener that counts retries on {@code genesys.api.retries} and the calls held back or refused for the rate
	 * limit. Not the meters bean itself, so that another organization's meters, declared as a bean, do not count the
	 * default clients' calls.
	 * @return the listener
	 */
	public GenesysRetryListener retryListener() {
		return new GenesysRetryListener() {

			@Override
			public void onRetry(GenesysRetryReason reason, HttpMethod method, URI url) {
				for (Map<GenesysRetryReason, Counter> counters : GenesysOAuthMetrics.this.retryCounters) {
					counters.get(reason).increment();
				}
			}

			@Override
			public void onPaced(Duration wait, HttpMethod method, URI url) {
				GenesysOAuthMetrics.this.waitTimers.forEach((timer) -> timer.record(wait));
			}

			@Override
			public void onPacingRefused(Duration wait, HttpMethod method, URI url) {
				GenesysOAuthMetrics.this.refusedCounters.forEach(Counter::increment);
			}

		};
	}

}
