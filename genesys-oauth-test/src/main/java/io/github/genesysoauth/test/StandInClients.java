package io.github.genesysoauth.test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The OAuth clients a stand-in accepts, by id: the default one it started with, and those added since. */
final class StandInClients {

	private final Map<String, StandInClient> byId = new ConcurrentHashMap<>();

	private final List<StandInClient> inOrder = new ArrayList<>();

	private final Clock clock;

	private final StandInClient defaultClient;

	StandInClients(Clock clock, String clientId, String clientSecret, String organizationName) {
		this.clock = clock;
		this.defaultClient = add(clientId, clientSecret, organizationName);
	}

	synchronized StandInClient add(String clientId, String clientSecret, String organizationName) {
		StandInClient client = new StandInClient(clientId, clientSecret, organizationName, this.clock);
		if (this.byId.putIfAbsent(clientId, client) != null) {
			throw new IllegalArgumentException("The stand-in has a client " + clientId
					+ " already; clients stay until it is closed, through resetCounters() and heal()");
		}
		this.inOrder.add(client);
		return client;
	}

	StandInClient defaultClient() {
		return this.defaultClient;
	}

	/** The client of that id, or {@code null}: Genesys's login service looks a client up by id alone. */
	StandInClient find(String clientId) {
		return this.byId.get(clientId);
	}

	StandInClient get(String clientId) {
		StandInClient client = this.byId.get(clientId);
		if (client == null) {
			throw new IllegalArgumentException("The stand-in has no client " + clientId
					+ "; register it with addClient");
		}
		return client;
	}

	synchronized List<StandInClient> all() {
		return List.copyOf(this.inOrder);
	}

}
