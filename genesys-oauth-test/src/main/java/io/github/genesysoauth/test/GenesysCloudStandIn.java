package io.github.genesysoauth.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * A local Genesys Cloud: its login service ({@code POST /oauth/token}, client credentials) and a few Platform API
 * endpoints, on a free loopback port, answering with Genesys's own response and error shapes.
 *
 * <p>Tokens it issues are validated by the API endpoints against the stand-in's {@link Clock}, so a test that
 * shares a controllable clock with the client under test can prove that no request is ever sent with an expired
 * token. Every request is counted.
 *
 * <p>Faults can be injected, as a real Genesys Cloud and the network in between produce them: token endpoint
 * errors, resets and malformed answers for a number of requests or a period ({@link #failTokenRequests},
 * {@link #failTokenRequestsFor}, {@link TokenFault}), slow token responses ({@link #setTokenResponseDelay}), Platform
 * API errors, 401s and 429s with or without {@code Retry-After} ({@link #failApiRequests}, {@link ApiFault}),
 * revoked tokens ({@link #revokeToken}, {@code DELETE /api/v2/tokens/me}), a rotated secret
 * ({@link #setClientSecret}) and Genesys's limit of 300 requests per minute per token
 * ({@link Builder#rateLimitPerMinute}).
 *
 * <pre>{@code
 * try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start()) {
 *     // genesys.oauth.token-uri = genesys.tokenUri(), genesys.oauth.api-base-url = genesys.apiBaseUrl(),
 *     // genesys.oauth.client-id = genesys.clientId(), genesys.oauth.client-secret = genesys.clientSecret()
 *     assertThat(genesys.tokenRequests()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>One stand-in serves many organizations, as Genesys serves its customers: it starts with a default OAuth client
 * ({@link #clientId()}) and accepts more, each in an organization of its own ({@link #addClient}). A token belongs to
 * the client it was issued to and the Platform API answers for that client's organization only. Counters
 * ({@link #tokenRequests(String)}, {@link #apiRequests(String)}, ...), faults ({@code failTokenRequestsFor(clientId,
 * period, fault)}, ...) and secret rotation ({@link #setClientSecret(String, String)}) exist per client beside the
 * global ones, and {@link #orgProperties} names a client as org {@code genesys.oauth.orgs.<name>}.
 *
 * <pre>{@code
 * StandInClient acme = genesys.addClient("acme-client", "acme-secret", "Acme");
 * genesys.failTokenRequestsFor("acme-client", Duration.ofMinutes(5), TokenFault.status(503)); // acme only
 * contextRunner.withPropertyValues(genesys.orgPropertyValues("acme", acme.clientId()));
 * }</pre>
 */
public final class GenesysCloudStandIn implements AutoCloseable {

	/** Client id the stand-in accepts unless told otherwise. */
	public static final String DEFAULT_CLIENT_ID = "5e1d2f3a-0000-4000-8000-stand-in-client";

	/** Client secret the stand-in accepts unless told otherwise. */
	public static final String DEFAULT_CLIENT_SECRET = "stand-in-client-secret";

	/** Token lifetime Genesys gives an OAuth client unless configured otherwise. */
	public static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofSeconds(86399);

	/** Genesys's limit of Platform API requests per minute per client-credentials token. */
	public static final int GENESYS_RATE_LIMIT_PER_MINUTE = 300;

	private final StandInClients clients;

	private final IssuedTokens tokens;

	private final StandInFaults faults;

	private final RateLimits rateLimits;

	private final TokenEndpoint tokenEndpoint;

	private final PlatformApi platformApi;

	private final StandInServer server;

	private GenesysCloudStandIn(Builder builder) {
		this.clients = new StandInClients(builder.clock, builder.clientId, builder.clientSecret,
				builder.organizationName);
		builder.addedClients.forEach((client) -> this.clients.add(client.clientId(), client.clientSecret(),
				client.organizationName()));
		this.tokens = new IssuedTokens(builder.clock);
		this.faults = new StandInFaults(builder.clock, this.clients);
		this.rateLimits = new RateLimits(builder.clock, builder.rateLimitPerMinute);
		this.tokenEndpoint = new TokenEndpoint(this.tokens, this.faults, this.clients, builder.tokenLifetime,
				builder.credentialsRefusedStatus);
		this.platformApi = new PlatformApi(this.tokens, this.faults, this.rateLimits, builder.clock);
		this.server = new StandInServer(builder.serverThreads, this.tokenEndpoint, this.platformApi, builder.tls,
				builder.requireClientCertificate);
	}

	/**
	 * Starts a stand-in with the default client id, secret and token lifetime.
	 * @return the running stand-in; close it when done
	 */
	public static GenesysCloudStandIn start() {
		return builder().start();
	}

	/**
	 * Starts describing a stand-in.
	 * @return a builder with Genesys's defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** URI of the stand-in's token endpoint, for {@code genesys.oauth.token-uri}. */
	public URI tokenUri() {
		return this.server.tokenUri();
	}

	/** Base URL of the stand-in's Platform API, for {@code genesys.oauth.api-base-url}. */
	public URI apiBaseUrl() {
		return this.server.apiBaseUrl();
	}

	/** {@code http://127.0.0.1:<port>}. */
	public String baseUrl() {
		return this.server.baseUrl();
	}

	/**
	 * The {@code genesys.oauth.*} properties that point a Genesys client at this stand-in, with its credentials:
	 * {@code client-id}, {@code client-secret}, {@code token-uri} and {@code api-base-url}.
	 * @return the properties, in that order
	 */
	public Map<String, String> properties() {
		return StandInProperties.of(StandInProperties.DEFAULT_ORG, this.clients.defaultClient(), this.server);
	}

	/**
	 * {@link #properties()} as {@code name=value} pairs, for {@code ApplicationContextRunner.withPropertyValues} and
	 * {@code TestPropertyValues.of}.
	 * @return the pairs
	 */
	public String[] propertyValues() {
		return StandInProperties.pairs(properties());
	}

	/**
	 * The {@code genesys.oauth.orgs.<orgName>.*} properties that make one client of this stand-in a named org of the
	 * starter: {@code client-id}, {@code client-secret}, {@code token-uri} and {@code api-base-url}.
	 * @param orgName the org's name in the properties, {@code [a-z0-9-]+} as the starter wants it
	 * @param clientId a client of the stand-in, the default one included
	 * @return the properties, in that order
	 * @throws IllegalArgumentException when the org name is not one the starter accepts, or there is no such client
	 */
	public Map<String, String> orgProperties(String orgName, String clientId) {
		return StandInProperties.of(StandInProperties.namedOrg(orgName), client(clientId), this.server);
	}

	/**
	 * {@link #orgProperties(String, String)} as {@code name=value} pairs, for
	 * {@code ApplicationContextRunner.withPropertyValues} and {@code TestPropertyValues.of}.
	 * @param orgName the org's name in the properties, {@code [a-z0-9-]+}
	 * @param clientId a client of the stand-in, the default one included
	 * @return the pairs
	 */
	public String[] orgPropertyValues(String orgName, String clientId) {
		return StandInProperties.pairs(orgProperties(orgName, clientId));
	}

	/** Client id of the default client, the one the stand-in started with. */
	public String clientId() {
		return this.clients.defaultClient().clientId();
	}

	/** Client secret the default client is accepted with now. */
	public String clientSecret() {
		return this.clients.defaultClient().clientSecret();
	}

	/**
	 * Registers another OAuth client, in an organization of its own, as a second Genesys customer's client, so that
	 * one stand-in serves many organizations; its tokens identify that organization only. Clients stay until the
	 * stand-in is closed, through {@link #resetCounters()} and {@link #heal()}.
	 * @param clientId its id, unique in the stand-in
	 * @param clientSecret its secret
	 * @param organizationName the name of its organization; clients given the same name are in the same organization
	 * @return the client
	 * @throws IllegalArgumentException when the stand-in has a client of that id already
	 */
	public StandInClient addClient(String clientId, String clientSecret, String organizationName) {
		return this.clients.add(Objects.requireNonNull(clientId, "clientId"),
				Objects.requireNonNull(clientSecret, "clientSecret"),
				Objects.requireNonNull(organizationName, "organizationName"));
	}

	/**
	 * A client the stand-in accepts, the default one included, e.g. one the builder added.
	 * @param clientId its id
	 * @return the client
	 * @throws IllegalArgumentException when there is none of that id
	 */
	public StandInClient client(String clientId) {
		return this.clients.get(Objects.requireNonNull(clientId, "clientId"));
	}

	/**
	 * Changes the {@code expires_in} of tokens issued from now on.
	 * @param lifetime the new lifetime, whole seconds
	 */
	public void setTokenLifetime(Duration lifetime) {
		this.tokenEndpoint.setTokenLifetime(lifetime);
	}

	/**
	 * Makes the token endpoint answer this much later from now on, as a slow login service would.
	 * @param delay the delay, {@link Duration#ZERO} for none
	 */
	public void setTokenResponseDelay(Duration delay) {
		this.tokenEndpoint.setResponseDelay(delay);
	}

	/**
	 * Changes the default client's secret accepted from now on, as rotating the secret of the OAuth client in
	 * Genesys Cloud does; tokens already issued stay valid.
	 * @param clientSecret the new secret
	 */
	public void setClientSecret(String clientSecret) {
		this.clients.defaultClient().setClientSecret(Objects.requireNonNull(clientSecret, "clientSecret"));
	}

	/**
	 * Changes the secret of one client from now on, as rotating it in that client's organization does; its tokens
	 * already issued stay valid, and the other clients are untouched.
	 * @param clientId a client of the stand-in, the default one included
	 * @param clientSecret the new secret
	 */
	public void setClientSecret(String clientId, String clientSecret) {
		client(clientId).setClientSecret(Objects.requireNonNull(clientSecret, "clientSecret"));
	}

	/**
	 * Makes the next {@code count} token requests fail with the given fault, whatever their credentials.
	 * @param count how many requests fail; those after them are answered normally
	 * @param fault the answer instead of a token, e.g. {@link TokenFault#status(int) TokenFault.status(503)}
	 */
	public void failTokenRequests(int count, TokenFault fault) {
		this.faults.tokenFaults().failNext(count, fault);
	}

	/**
	 * Makes every token request fail with the given fault for a period of the stand-in's clock, as an outage of
	 * the login service does.
	 * @param period how long from now, on the stand-in's clock
	 * @param fault the answer instead of a token
	 */
	public void failTokenRequestsFor(Duration period, TokenFault fault) {
		this.faults.tokenFaults().failFor(period, fault);
	}

	/**
	 * Makes the next {@code count} token requests of one client fail with the given fault, whatever their secret,
	 * while the other clients get their tokens.
	 * @param clientId a client of the stand-in, the default one included
	 * @param count how many of its requests fail
	 * @param fault the answer instead of a token
	 */
	public void failTokenRequests(String clientId, int count, TokenFault fault) {
		client(clientId).tokenFaults().failNext(count, fault);
	}

	/**
	 * Makes every token request of one client fail with the given fault for a period of the stand-in's clock, so that
	 * its organization is behind an outage while the others are served.
	 * @param clientId a client of the stand-in, the default one included
	 * @param period how long from now, on the stand-in's clock
	 * @param fault the answer instead of a token
	 */
	public void failTokenRequestsFor(String clientId, Duration period, TokenFault fault) {
		client(clientId).tokenFaults().failFor(period, fault);
	}

	/**
	 * Makes the next {@code count} Platform API requests fail with the given fault, before their token is looked at.
	 * @param count how many requests fail
	 * @param fault the answer instead of the resource, e.g. {@link ApiFault#rateLimited(Duration)}
	 */
	public void failApiRequests(int count, ApiFault fault) {
		this.faults.apiFaults().failNext(count, fault);
	}

	/**
	 * Makes every Platform API request fail with the given fault for a period of the stand-in's clock.
	 * @param period how long from now, on the stand-in's clock
	 * @param fault the answer instead of the resource
	 */
	public void failApiRequestsFor(Duration period, ApiFault fault) {
		this.faults.apiFaults().failFor(period, fault);
	}

	/**
	 * Makes the next {@code count} Platform API requests carrying a token of one client fail with the given fault,
	 * e.g. a 401 storm or 429s in one organization only.
	 * @param clientId a client of the stand-in, the default one included
	 * @param count how many of those requests fail
	 * @param fault the answer instead of the resource
	 */
	public void failApiRequests(String clientId, int count, ApiFault fault) {
		client(clientId).apiFaults().failNext(count, fault);
	}

	/**
	 * Makes every Platform API request carrying a token of one client fail with the given fault for a period of the
	 * stand-in's clock.
	 * @param clientId a client of the stand-in, the default one included
	 * @param period how long from now, on the stand-in's clock
	 * @param fault the answer instead of the resource
	 */
	public void failApiRequestsFor(String clientId, Duration period, ApiFault fault) {
		client(clientId).apiFaults().failFor(period, fault);
	}

	/** Cancels every fault set on the token endpoint and the Platform API, for every client. */
	public void heal() {
		this.faults.heal();
	}

	/**
	 * Revokes one issued token, as {@code DELETE /api/v2/tokens/me} or disabling the OAuth client does: the Platform
	 * API answers 401 to it from now on.
	 * @param token the access token's value
	 * @return whether it was an issued token not revoked before
	 */
	public boolean revokeToken(String token) {
		return this.tokens.revoke(Objects.requireNonNull(token, "token"));
	}

	/**
	 * Revokes every token issued so far.
	 * @return how many were revoked
	 */
	public int revokeAllTokens() {
		return this.tokens.revokeAll();
	}

	/**
	 * Sets the Platform API limit of requests per minute per token; past it, 429 with {@code Retry-After} until the
	 * token's minute is over, as Genesys does. Genesys's default is {@link #GENESYS_RATE_LIMIT_PER_MINUTE}.
	 * @param requestsPerMinute the limit, 0 for none
	 */
	public void setRateLimitPerMinute(int requestsPerMinute) {
		this.rateLimits.setPerMinute(requestsPerMinute);
	}

	/** Token requests received, accepted or not. */
	public int tokenRequests() {
		return this.tokenEndpoint.requests();
	}

	/** Tokens issued. */
	public int tokensIssued() {
		return this.tokens.issued();
	}

	/**
	 * Every access token issued since start, for tests that prove no token reaches a log or a message.
	 * @return the token values
	 */
	public Set<String> issuedTokenValues() {
		return this.tokens.values();
	}

	/** Platform API requests received, authorized or not. */
	public int apiRequests() {
		return this.platformApi.requests();
	}

	/**
	 * Token requests that named this client, accepted or not; with those naming no client the stand-in has, they add
	 * up to {@link #tokenRequests()}.
	 * @param clientId a client of the stand-in, the default one included
	 * @return the count since start or the last {@link #resetCounters()}
	 */
	public int tokenRequests(String clientId) {
		return client(clientId).tokenRequests().get();
	}

	/**
	 * Tokens issued to this client.
	 * @param clientId a client of the stand-in, the default one included
	 * @return the count since start or the last {@link #resetCounters()}
	 */
	public int tokensIssued(String clientId) {
		return client(clientId).tokensIssued().get();
	}

	/**
	 * Every access token issued to this client since start, to tell whose token a request in
	 * {@link #apiRequestLog()} carried.
	 * @param clientId a client of the stand-in, the default one included
	 * @return the token values
	 */
	public Set<String> issuedTokenValues(String clientId) {
		return this.tokens.values(client(clientId));
	}

	/**
	 * Platform API requests that carried a token issued to this client, valid or not, so that a test can prove that
	 * each organization's calls carried its own tokens: with those carrying no token or one never issued, they add up
	 * to {@link #apiRequests()}.
	 * @param clientId a client of the stand-in, the default one included
	 * @return the count since start or the last {@link #resetCounters()}
	 */
	public int apiRequests(String clientId) {
		return client(clientId).apiRequests().get();
	}

	/** Platform API requests answered 401 because their token was missing, unknown, revoked or expired. */
	public int unauthorizedApiRequests() {
		return this.platformApi.unauthorized();
	}

	/** Platform API requests answered 429, by an injected fault or by the rate limit. */
	public int rateLimitedApiRequests() {
		return this.platformApi.rateLimited();
	}

	/** Platform API requests answered with an injected {@link ApiFault}. */
	public int faultedApiRequests() {
		return this.platformApi.faulted();
	}

	/** The Platform API requests received, oldest first, as WireMock logged them (headers and body included). */
	public List<LoggedRequest> apiRequestLog() {
		return this.server.apiRequestLog();
	}

	/** Platform API requests that carried a token the stand-in issued but that had expired on arrival. */
	public int expiredTokenApiRequests() {
		return this.platformApi.expired();
	}

	/** The token requests received, oldest first, as WireMock logged them (headers and body included). */
	public List<LoggedRequest> tokenRequestLog() {
		return this.server.tokenRequestLog();
	}

	/** Sets every counter back to zero, every client's too, e.g. after a warm-up; issued tokens stay valid. */
	public void resetCounters() {
		this.tokenEndpoint.resetCount();
		this.platformApi.resetCounts();
		this.tokens.resetCount();
		this.clients.all().forEach(StandInClient::resetCounts);
		this.server.resetRequests();
	}

	/** The WireMock server underneath, to stub endpoints the stand-in does not know. */
	public WireMockServer wireMock() {
		return this.server.wireMock();
	}

	/** Stops the server. */
	@Override
	public void close() {
		this.server.stop();
	}

	@Override
	public String toString() {
		return "GenesysCloudStandIn[" + (this.server.isRunning() ? baseUrl() : "stopped") + "]";
	}

	/** Describes a stand-in before it starts. */
	public static final class Builder {

		private String clientId = DEFAULT_CLIENT_ID;

		private String clientSecret = DEFAULT_CLIENT_SECRET;

		private Duration tokenLifetime = DEFAULT_TOKEN_LIFETIME;

		private Clock clock = Clock.systemUTC();

		private String organizationName = "Stand-in Organization";

		private int credentialsRefusedStatus = 400;

		private int serverThreads = 64;

		private int rateLimitPerMinute;

		private final List<AddedClient> addedClients = new ArrayList<>();

		private StandInCertificates tls;

		private boolean requireClientCertificate;

		private Builder() {
		}

		/** Client id to accept. */
		public Builder clientId(String clientId) {
			this.clientId = Objects.requireNonNull(clientId, "clientId");
			return this;
		}

		/** Client secret to accept. */
		public Builder clientSecret(String clientSecret) {
			this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
			return this;
		}

		/** Lifetime of issued tokens, sent as {@code expires_in} in whole seconds. */
		public Builder tokenLifetime(Duration tokenLifetime) {
			this.tokenLifetime = Objects.requireNonNull(tokenLifetime, "tokenLifetime");
			return this;
		}

		/** Clock that stamps issued tokens and decides when they have expired. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/** Name of the default client's organization, which {@code GET /api/v2/organizations/me} returns. */
		public Builder organizationName(String organizationName) {
			this.organizationName = Objects.requireNonNull(organizationName, "organizationName");
			return this;
		}

		/**
		 * HTTP status of an {@code invalid_client} answer: Genesys's is unconfirmed, 400 or 401, so clients must
		 * handle both.
		 */
		public Builder credentialsRefusedStatus(int status) {
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
		 */
		public Builder rateLimitPerMinute(int requestsPerMinute) {
			if (requestsPerMinute < 0) {
				throw new IllegalArgumentException("rateLimitPerMinute must not be negative, not " + requestsPerMinute);
			}
			this.rateLimitPerMinute = requestsPerMinute;
			return this;
		}

		/**
		 * Another OAuth client to accept, in an organization of its own, as
		 * {@link GenesysCloudStandIn#addClient(String, String, String)} registers it once started; for a stand-in
		 * that a JUnit extension or a Spring test starts.
		 */
		public Builder addClient(String clientId, String clientSecret, String organizationName) {
			this.addedClients.add(new AddedClient(Objects.requireNonNull(clientId, "clientId"),
					Objects.requireNonNull(clientSecret, "clientSecret"),
					Objects.requireNonNull(organizationName, "organizationName")));
			return this;
		}

		/**
		 * Serves HTTPS only, with a server certificate of these certificates' CA, which no client trusts unless an
		 * SSL bundle says so ({@link StandInCertificates#sslBundleProperties}): the token URI and API base URL become
		 * {@code https://127.0.0.1:<port>}.
		 * @param certificates the CA and its certificates
		 * @return this builder
		 */
		public Builder tls(StandInCertificates certificates) {
			this.tls = Objects.requireNonNull(certificates, "certificates");
			return this;
		}

		/**
		 * Asks every client for a certificate of the {@link #tls} CA (mutual TLS), as a gateway in front of the API
		 * may: a client without one is refused during the handshake.
		 * @return this builder
		 */
		public Builder requireClientCertificate() {
			if (this.tls == null) {
				throw new IllegalStateException("requireClientCertificate() needs tls(certificates) first");
			}
			this.requireClientCertificate = true;
			return this;
		}

		/** Jetty worker threads: enough for the concurrency a test drives. */
		public Builder serverThreads(int serverThreads) {
			this.serverThreads = serverThreads;
			return this;
		}

		/** Starts the stand-in on a free loopback port. */
		public GenesysCloudStandIn start() {
			GenesysCloudStandIn standIn = new GenesysCloudStandIn(this);
			standIn.server.start();
			return standIn;
		}

		private record AddedClient(String clientId, String clientSecret, String organizationName) {
		}

	}

}
