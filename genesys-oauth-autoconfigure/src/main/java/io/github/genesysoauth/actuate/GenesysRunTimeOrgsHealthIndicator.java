package io.github.genesysoauth.actuate;

import java.util.Objects;

import io.github.genesysoauth.org.GenesysOrgs;
import reactor.core.publisher.Mono;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/**
 * The orgs registered at run time or found by a provider, counted without naming them (their names may be customers'
 * and their number large): {@code registered}, {@code active} (holding a token source now) and {@code failing}
 * (whose last token request failed). Always UP: one customer's revoked OAuth client must not take the instance out of
 * its load balancer; alert on {@code failing} instead.
 */
public final class GenesysRunTimeOrgsHealthIndicator implements ReactiveHealthIndicator {

	private final GenesysOrgs orgs;

	/**
	 * Creates the indicator.
	 * @param orgs the orgs to count
	 */
	public GenesysRunTimeOrgsHealthIndicator(GenesysOrgs orgs) {
		this.orgs = Objects.requireNonNull(orgs, "orgs");
	}

	@Override
	public Mono<Health> health() {
		return Mono.fromSupplier(() -> {
			GenesysOrgs.RunTimeOrgs counts = this.orgs.runTimeOrgs();
			return Health.up()
				.withDetail("registered", counts.registered())
				.withDetail("active", counts.active())
				.withDetail("failing", counts.failing())
				.build();
		});
	}

}
