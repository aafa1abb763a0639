package io.github.genesysoauth.test;

import java.time.Clock;

/**
 * The faults injected into a stand-in: those set for every request, and those each {@link StandInClient} has of its
 * own. The endpoints ask here which fault, if any, answers the request arriving now.
 */
final class StandInFaults {

	private final FaultSchedule<TokenFault> tokenFaults;

	private final FaultSchedule<ApiFault> apiFaults;

	private final StandInClients clients;

	StandInFaults(Clock clock, StandInClients clients) {
		this.tokenFaults = new FaultSchedule<>(clock);
		this.apiFaults = new FaultSchedule<>(clock);
		this.clients = clients;
	}

	/** The token faults for every request, whatever its credentials. */
	FaultSchedule<TokenFault> tokenFaults() {
		return this.tokenFaults;
	}

	/** The Platform API faults for every request, whatever its token. */
	FaultSchedule<ApiFault> apiFaults() {
		return this.apiFaults;
	}

	/**
	 * The fault that answers a token request arriving now.
	 * @param client the client the request named, or {@code null} for none the stand-in has
	 * @return the fault, or {@code null} to answer normally
	 */
	TokenFault nextTokenFault(StandInClient client) {
		return next(this.tokenFaults, (client != null) ? client.tokenFaults() : null);
	}

	/**
	 * The fault that answers a Platform API request arriving now, before its token is looked at.
	 * @param caller the client its token was issued to, or {@code null} for no token or one never issued
	 * @return the fault, or {@code null} to answer normally
	 */
	ApiFault nextApiFault(StandInClient caller) {
		return next(this.apiFaults, (caller != null) ? caller.apiFaults() : null);
	}

	/** Cancels every fault, for every request and of every client. */
	void heal() {
		this.tokenFaults.heal();
		this.apiFaults.heal();
		this.clients.all().forEach(StandInClient::heal);
	}

	// The faults for every request come first: a client's own schedule is asked, and its count goes down, only for
	// requests they let through, so that a client's "next n" are not used up during an outage of everyone.
	private static <F> F next(FaultSchedule<F> everyRequest, FaultSchedule<F> clients) {
		F fault = everyRequest.next();
		return (fault != null || clients == null) ? fault : clients.next();
	}

}
