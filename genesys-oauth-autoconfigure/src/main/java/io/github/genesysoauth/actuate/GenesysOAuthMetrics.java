package io.github.genesysoauth.actuate;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.client.GenesysRetryReason;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * One Genesys org's meters: gauge {@code genesys.oauth.token.expires.in} (seconds left on the cached token, 0 when
 * none) and counter {@code genesys.api.retries} (each retry of a Platform API call, by {@code reason}), both tagged
 * with the {@code org} name and the OAuth {@code client} id. Every retry reason is registered at zero, so dashboards
 * see the series before the first retry. The counter counts what {@link #retryListener()} is told: give that listener
 * to the clients of the same token source. {@link #close()} removes the gauge, whose token source is gone, and keeps
 * the counters, so that an org used again continues its series.
 */
public final class GenesysOAuthMetrics implements MeterBinder, AutoCloseable {

	/** Name of the gauge. */
	public static final String TOKEN_EXPIRES_IN = "genesys.oauth.token.expires.in";

	/** Name of the counter. */
	public static final String API_RETRIES = "genesys.api.retries";

	private final GenesysAccessTokens tokens;

	private final @Nullable String sharedLabel;

	private final List<Map<GenesysRetryReason, Counter>> retryCounters = new CopyOnWriteArrayList<>();

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
		this.tokens = Objects.requireNonNull(tokens, "tokens");
		this.sharedLabel = sharedLabel;
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
		String org = (this.sharedLabel != null) ? this.sharedLabel : this.tokens.orgName();
		String client = (this.sharedLabel != null) ? this.sharedLabel : this.tokens.clientRegistration().getClientId();
		if (this.sharedLabel == null) {
			// an org used again after its release: the gauge of its closed token source goes, this one comes
			Gauge previous = registry.find(TOKEN_EXPIRES_IN).tag("org", org).tag("client", client).gauge();
			if (previous != null) {
				registry.remove(previous);
			}
			Gauge gauge = Gauge
				.builder(TOKEN_EXPIRES_IN, this.tokens, (source) -> source.expiresIn().toMillis() / 1000.0)
				.description("Time left on the cached Genesys Cloud access token; 0 when none is held")
				.baseUnit("seconds")
				.tag("org", org)
				.tag("client", client)
				.register(registry);
			this.gaugeRemovals.add(() -> {
				// only while it is still this token source's: its successor may have taken the name already
				if (registry.find(TOKEN_EXPIRES_IN).tag("org", org).tag("client", client).gauge() == gauge) {
					registry.remove(gauge);
				}
			});
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

	/** Removes the gauge from every registry it was bound to. */
	@Override
	public void close() {
		this.gaugeRemovals.forEach(Runnable::run);
		this.gaugeRemovals.clear();
	}

	/**
	 * The listener that counts retries on {@code genesys.api.retries}. Not the meters bean itself, so that another
	 * organization's meters, declared as a bean, do not count the default clients' retries.
	 * @return the listener
	 */
	public GenesysRetryListener retryListener() {
		return this::countRetry;
	}

	private void countRetry(GenesysRetryReason reason, HttpMethod method, URI url) {
		for (Map<GenesysRetryReason, Counter> counters : this.retryCounters) {
			counters.get(reason).increment();
		}
	}

}
