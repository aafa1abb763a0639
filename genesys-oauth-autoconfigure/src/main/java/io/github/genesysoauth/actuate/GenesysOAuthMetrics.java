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

import org.springframework.http.HttpMethod;

/**
 * The Genesys client's meters: gauge {@code genesys.oauth.token.expires.in} (seconds left on the cached token, 0
 * when none) and counter {@code genesys.api.retries} (each retry of a Platform API call, by {@code reason}), both
 * tagged with the OAuth {@code client} id. Every retry reason is registered at zero, so dashboards see the series
 * before the first retry. The counter counts what {@link #retryListener()} is told: give that listener to the
 * clients of the same token source.
 */
public final class GenesysOAuthMetrics implements MeterBinder {

	/** Name of the gauge. */
	public static final String TOKEN_EXPIRES_IN = "genesys.oauth.token.expires.in";

	/** Name of the counter. */
	public static final String API_RETRIES = "genesys.api.retries";

	private final GenesysAccessTokens tokens;

	private final List<Map<GenesysRetryReason, Counter>> retryCounters = new CopyOnWriteArrayList<>();

	/**
	 * Creates the meters of one token source.
	 * @param tokens the token source
	 */
	public GenesysOAuthMetrics(GenesysAccessTokens tokens) {
		this.tokens = Objects.requireNonNull(tokens, "tokens");
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		String client = this.tokens.clientRegistration().getClientId();
		Gauge.builder(TOKEN_EXPIRES_IN, this.tokens, (source) -> source.expiresIn().toMillis() / 1000.0)
			.description("Time left on the cached Genesys Cloud access token; 0 when none is held")
			.baseUnit("seconds")
			.tag("client", client)
			.register(registry);
		Map<GenesysRetryReason, Counter> counters = new EnumMap<>(GenesysRetryReason.class);
		for (GenesysRetryReason reason : GenesysRetryReason.values()) {
			counters.put(reason, Counter.builder(API_RETRIES)
				.description("Genesys Cloud Platform API requests sent again, by reason")
				.tag("client", client)
				.tag("reason", reason.value())
				.register(registry));
		}
		this.retryCounters.add(counters);
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
