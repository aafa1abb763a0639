package io.github.genesysoauth.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.genesysoauth.org.GenesysOrgSettings;
import io.github.genesysoauth.org.GenesysOrgs;

import org.springframework.web.client.RestClient;

/**
 * The fleets of orgs of one many-orgs run (12 to 15): numbered, so that no two orgs of the run share a client id and
 * the local Genesys counts each org's requests apart; registered with {@link GenesysOrgs}; and the checks that fail
 * the run when an org asked other than it should.
 */
final class OrgFleets {

	private final AtomicInteger fleets = new AtomicInteger();

	Fleet fleet(String prefix, int size) {
		return new Fleet(prefix, this.fleets.incrementAndGet(), size);
	}

	void register(GenesysOrgs orgs, Fleet fleet, LocalGenesys genesys) {
		fleet.forEach((i) -> orgs.register(fleet.name(i), GenesysOrgSettings.builder()
			.clientId(fleet.clientId(i))
			.clientSecret(fleet.secret(i))
			.tokenUri(URI.create(genesys.tokenUri()))
			.apiBaseUrl(URI.create(genesys.baseUrl()))
			.build()));
	}

	// blocking callers ask for the next org on each call, so that each org gets exactly one whichever thread runs
	static Supplier<RestClient.RequestHeadersSpec<?>> nextOf(Fleet fleet,
			Function<String, RestClient.RequestHeadersSpec<?>> request) {
		AtomicInteger next = new AtomicInteger();
		return () -> request.apply(fleet.name(next.getAndIncrement()));
	}

	// every org of the fleet made exactly these requests since the counts were last reset; then reset
	static void expectEach(LocalGenesys genesys, Fleet fleet, int tokenRequests, int apiRequests, String when) {
		List<String> wrong = new ArrayList<>();
		fleet.forEach((i) -> {
			int tokens = genesys.tokenRequests(fleet.clientId(i));
			int api = genesys.apiRequests(fleet.clientId(i));
			if ((tokens != tokenRequests || api != apiRequests) && wrong.size() < 5) {
				wrong.add(fleet.name(i) + ": " + tokens + " token and " + api + " API requests");
			}
		});
		if (!wrong.isEmpty()) {
			throw new IllegalStateException("Expected " + tokenRequests + " token and " + apiRequests
					+ " API requests from each org " + when + ", but " + wrong);
		}
		genesys.resetClientCounts();
	}

	static void expect(boolean condition, String what) {
		if (!condition) {
			throw new IllegalStateException("Expected: " + what);
		}
	}

}
