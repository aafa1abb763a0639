package io.github.genesysoauth.test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Describes a {@link GenesysCloudStandIn} before it starts. Start with {@link GenesysCloudStandIn#builder()}.
 */
public final class GenesysCloudStandInBuilder {

	// Package-private: the stand-in's constructor reads them.
	String clientId = GenesysCloudStandIn.DEFAULT_CLIENT_ID;

	String clientSecret = GenesysCloudStandIn.DEFAULT_CLIENT_SECRET;

	Duration tokenLifetime = GenesysCloudStandIn.DEFAULT_TOKEN_LIFETIME;

	Clock clock = Clock.systemUTC();

	String organizationName = "Stand-in Organization";

	int credentialsRefusedStatus = 400;

	int serverThreads = 64;

	int rateLimitPerMinute;

	final List<AddedClient> addedClients = new ArrayList<>();

	StandInCertificates tls;

	boolean requireClientCertificate;

	GenesysCloudStandInBuilder() {
	}

	/**
	 * Client id to accept.
	 * @param clientId the OAuth client id
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder clientId(String clientId) {
		this.clientId = Objects.requireNonNull(clientId, "clientId");
		return this;
	}

	/**
	 * Client secret to accept.
	 * @param clientSecret the OAuth client secret
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder clientSecret(String clientSecret) {
		this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
		return this;
	}

	/**
	 * Lifetime of issued tokens, sent as {@code expires_in} in whole seconds.
	 * @param tokenLifetime the lifetime of issued tokens
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder tokenLifetime(Duration tokenLifetime) {
		this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
		return this;
	}

	/**
	 * Clock that stamps issued tokens and decides when they have expired.
	 * @param clock clock that stamps issued tokens and decides when they have expired
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * Name of the default client's organization, which {@code GET /api/v2/organizations/me} returns.
	 * @param organizationName the organization's name
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder organizationName(String organizationName) {
		this.organizationName = Objects.requireNonNull(organizationName, "organizationName");
		return this;
	}

	/**
	 * HTTP status of an {@code invalid_client} answer: Genesys's is unconfirmed, 400 or 401, so clients must handle
	 * both.
	 * @param status the HTTP status
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder credentialsRefusedStatus(int status) {
		if (status != 400 && status != 401) {
			throw new IllegalArgumentException("credentialsRefusedStatus must be 400 or 401, not " + status);
		}
		this.credentialsRefusedStatus = status;
		return this;
	}

	/**
	 * Platform API requests allowed per minute per token, 0 (the default) for no limit;
	 * {@link GenesysCloudStandIn#GENESYS_RATE_LIMIT_PER_MINUTE} for Genesys's own. Off by default, so that tests
	 * driving many calls on a frozen clock are not throttled unless they mean to be.
	 * @param requestsPerMinute the limit of requests per minute per token
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder rateLimitPerMinute(int requestsPerMinute) {
		if (requestsPerMinute < 0) {
			throw new IllegalArgumentException("rateLimitPerMinute must not be negative, not " + requestsPerMinute);
		}
		this.rateLimitPerMinute = requestsPerMinute;
		return this;
	}

	/**
	 * Another OAuth client to accept, in an organization of its own, as
	 * {@link GenesysCloudStandIn#addClient(String, String, String)} registers it once started; for a stand-in that a
	 * JUnit extension or a Spring test starts.
	 * @param clientId the OAuth client id
	 * @param clientSecret the OAuth client secret
	 * @param organizationName the organization's name
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder addClient(String clientId, String clientSecret, String organizationName) {
		this.addedClients.add(new AddedClient(Objects.requireNonNull(clientId, "clientId"),
				Objects.requireNonNull(clientSecret, "clientSecret"),
				Objects.requireNonNull(organizationName, "organizationName")));
		return this;
	}

	/**
	 * Serves HTTPS only, with a server certificate of these certificates' CA, which no client trusts unless an SSL
	 * bundle says so ({@link StandInCertificates#sslBundleProperties}): the token URI and API base URL become
	 * {@code https://127.0.0.1:<port>}.
	 * @param certificates the CA and its certificates
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder tls(StandInCertificates certificates) {
		this.tls = Objects.requireNonNull(certificates, "certificates");
		return this;
	}

	/**
	 * Asks every client for a certificate of the {@link #tls} CA (mutual TLS), as a gateway in front of the API may:
	 * a client without one is refused during the handshake.
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder requireClientCertificate() {
		if (this.tls == null) {
			throw new IllegalStateException("requireClientCertificate() needs tls(certificates) first");
		}
		this.requireClientCertificate = true;
		return this;
	}

	/**
	 * Jetty worker threads: enough for the concurrency a test drives.
	 * @param serverThreads the number of server threads
	 * @return this builder
	 */
	public GenesysCloudStandInBuilder serverThreads(int serverThreads) {
		this.serverThreads = serverThreads;
		return this;
	}

	/**
	 * Starts the stand-in on a free loopback port.
	 * @return the stand-in on a free loopback port
	 */
	public GenesysCloudStandIn start() {
		return new GenesysCloudStandIn(this).startServer();
	}

	/** A client {@link #addClient} described, registered by the stand-in's constructor. */
	record AddedClient(String clientId, String clientSecret, String organizationName) {
	}

}
