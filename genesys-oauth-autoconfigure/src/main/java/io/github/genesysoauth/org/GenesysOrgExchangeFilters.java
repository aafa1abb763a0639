package io.github.genesysoauth.org;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiExchangeFilter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

/**
 * WebClient filters that call a Genesys org looked up by name for each request, for WebClients built elsewhere, such
 * as an HTTP service group's. Apart from {@link GenesysOrgs}, so that the orgs work where WebClient is not on the
 * classpath.
 */
public final class GenesysOrgExchangeFilters {

	private GenesysOrgExchangeFilters() {
	}

	/**
	 * A filter that sends each request with the named org's tokens and policy, looking the org up for each call, as
	 * {@link GenesysOrgs#requestInterceptor} does for RestClient.
	 * @param orgs the orgs
	 * @param name the org's name, {@code default} included
	 * @return the filter
	 */
	public static ExchangeFilterFunction of(GenesysOrgs orgs, String name) {
		Objects.requireNonNull(orgs, "orgs");
		Objects.requireNonNull(name, "name");
		ExchangeFilterFunction known = routing(() -> orgs.knownExchangeFilterOf(name));
		return (request, next) -> {
			if (orgs.isKnown(name)) {
				return known.filter(request, next);
			}
			// a provider's lookup may block: never on an event loop
			return Mono.fromCallable(() -> orgs.exchangeFilterOf(name))
				.subscribeOn(Schedulers.boundedElastic())
				.flatMap((filter) -> ((ExchangeFilterFunction) filter).filter(request, next));
		};
	}

	static ExchangeFilterFunction filter(GenesysApiCallPolicy policy) {
		return GenesysApiExchangeFilter.of(policy);
	}

	// deferred, so that an org that is unknown or removed fails the call's Mono rather than its assembly
	static ExchangeFilterFunction routing(Supplier<Object> filter) {
		return (request, next) -> Mono.defer(() -> ((ExchangeFilterFunction) filter.get()).filter(request, next));
	}

}
