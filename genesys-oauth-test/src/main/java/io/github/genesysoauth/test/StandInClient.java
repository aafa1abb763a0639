package io.github.genesysoauth.test;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OAuth client (client credentials grant) that a {@link GenesysCloudStandIn} accepts, and the organization it
 * belongs to, as {@link GenesysCloudStandIn#addClient} registers it. Tokens issued to it identify its organization
 * and no other, as Genesys's do.
 *
 * <p>A live view: {@link #clientSecret()} follows {@link GenesysCloudStandIn#setClientSecret(String, String)}.
 * {@link #toString()} never shows the secret.
 */
public final class StandInClient {

	private final String clientId;

	private final StandInOrganization organization;

	private final FaultSchedule<TokenFault> tokenFaults;

	private final FaultSchedule<ApiFault> apiFaults;

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger tokensIssued = new AtomicInteger();

	private final AtomicInteger apiRequests = new AtomicInteger();

	private volatile String clientSecret;

	StandInClient(String clientId, String clientSecret, String organizationName, Clock clock) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.organization = StandInOrganization.named(organizationName);
		this.tokenFaults = new FaultSchedule<>(clock);
		this.apiFaults = new FaultSchedule<>(clock);
	}

	/** {@return the OAuth client id, for {@code client-id}} */
	public String clientId() {
		return this.clientId;
	}

	/** {@return the secret accepted now, for {@code client-secret}} */
	public String clientSecret() {
		return this.clientSecret;
	}

	/** {@return id of its organization, as {@code GET /api/v2/organizations/me} answers it to the client's tokens} */
	public String organizationId() {
		return this.organization.id();
	}

	/** {@return name of its organization, as {@code GET /api/v2/organizations/me} answers it to the client's tokens} */
	public String organizationName() {
		return this.organization.name();
	}

	StandInOrganization organization() {
		return this.organization;
	}

	void setClientSecret(String clientSecret) {
		this.clientSecret = clientSecret;
	}

	FaultSchedule<TokenFault> tokenFaults() {
		return this.tokenFaults;
	}

	FaultSchedule<ApiFault> apiFaults() {
		return this.apiFaults;
	}

	AtomicInteger tokenRequests() {
		return this.tokenRequests;
	}

	AtomicInteger tokensIssued() {
		return this.tokensIssued;
	}

	AtomicInteger apiRequests() {
		return this.apiRequests;
	}

	void heal() {
		this.tokenFaults.heal();
		this.apiFaults.heal();
	}

	void resetCounts() {
		this.tokenRequests.set(0);
		this.tokensIssued.set(0);
		this.apiRequests.set(0);
	}

	@Override
	public String toString() {
		return "StandInClient[clientId=" + this.clientId + ", organization=" + this.organization.name() + "]";
	}

}
