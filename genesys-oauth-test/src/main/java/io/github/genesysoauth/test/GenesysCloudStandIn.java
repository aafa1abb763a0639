package io.github.genesysoauth.test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
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
 * ({@link GenesysCloudStandInBuilder#rateLimitPerMinute}).
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
 * global ones, for any client of the stand-in, the default one included: an unknown {@code clientId} is an
 * {@link IllegalArgumentException}. {@link #orgProperties} names a client as org {@code genesys.oauth.orgs.<name>}.
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

	GenesysCloudStandIn(GenesysCloudStandInBuilder builder) {
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

	// For the builder: the server starts once the stand-in is whole, before anyone gets it.
	GenesysCloudStandIn startServer() {
		this.server.start();
		return this;
	}

	/**
	 * Starts a stand-in with the default client id, secret and token lifetime; close it when done.
	 * @return the started stand-in
	 */
	public static GenesysCloudStandIn start() {
		return builder().start();
	}

	/**
	 * Starts describing a stand-in, with Genesys's defaults.
	 * @return a builder
	 */
	public static GenesysCloudStandInBuilder builder() {
		return new GenesysCloudStandInBuilder();
	}

	/** {@return URI of the stand-in's token endpoint, for {@code genesys.oauth.token-uri}} */
	public URI tokenUri() {
		return this.server.tokenUri();
	}

	/** {@return base URL of the stand-in's Platform API, for {@code genesys.oauth.api-base-url}} */
	public URI apiBaseUrl() {
		return this.server.apiBaseUrl();
	}

	/** {@return {@code http://127.0.0.1:<port>}} */
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
	 * @return the properties as {@code name=value} pairs
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
	 * {@link #orgProperties(String, String)} as {@code name=value} pairs, as {@link #propertyValues()} gives them.
	 * @param clientId the OAuth client id
	 * @param orgName the org's name
	 * @return the org's properties as {@code name=value} pairs
	 */
	public String[] orgPropertyValues(String orgName, String clientId) {
		return StandInProperties.pairs(orgProperties(orgName, clientId));
	}

	/** {@return client id of the default client, the one the stand-in started with} */
	public String clientId() {
		return this.clients.defaultClient().clientId();
	}

	/** {@return client secret the default client is accepted with now} */
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
	 * @param clientId the OAuth client id
	 * @return that client
	 */
	public StandInClient client(String clientId) {
		return this.clients.get(Objects.requireNonNull(clientId, "clientId"));
	}

	/**
	 * Changes the {@code expires_in} of tokens issued from now on, in whole seconds.
	 * @param lifetime the new lifetime
	 */
	public void setTokenLifetime(Duration lifetime) {
		this.tokenEndpoint.setTokenLifetime(lifetime);
	}

	/**
	 * Makes the token endpoint answer this much later from now on, as a slow login service would; zero for none.
	 * @param delay the delay, zero for none
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
	 * As {@link #setClientSecret(String)}, for one OAuth client; the others keep theirs.
	 * @param clientId the OAuth client id
	 * @param clientSecret the OAuth client secret
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
	 * As {@link #failTokenRequests(int, TokenFault)}, for one OAuth client, while the others get their tokens.
	 * @param clientId the OAuth client id
	 * @param count how many requests
	 * @param fault the fault to answer with
	 */
	public void failTokenRequests(String clientId, int count, TokenFault fault) {
		client(clientId).tokenFaults().failNext(count, fault);
	}

	/**
	 * As {@link #failTokenRequestsFor(Duration, TokenFault)}, for one OAuth client: an outage of its org only.
	 * @param clientId the OAuth client id
	 * @param fault the fault to answer with
	 * @param period how long, from now
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
	 * As {@link #failApiRequests(int, ApiFault)}, for those with a token of one OAuth client: 401s or 429s.
	 * @param clientId the OAuth client id
	 * @param count how many requests
	 * @param fault the fault to answer with
	 */
	public void failApiRequests(String clientId, int count, ApiFault fault) {
		client(clientId).apiFaults().failNext(count, fault);
	}

	/**
	 * As {@link #failApiRequestsFor(Duration, ApiFault)}, for those with a token of one OAuth client.
	 * @param clientId the OAuth client id
	 * @param fault the fault to answer with
	 * @param period how long, from now
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
	 * Revokes every token issued so far; returns how many were revoked.
	 * @return how many were revoked
	 */
	public int revokeAllTokens() {
		return this.tokens.revokeAll();
	}

	/**
	 * Sets the Platform API limit of requests per minute per token; past it, 429 with {@code Retry-After} until the
	 * token's minute is over, as Genesys does. While a limit is set, every answer to a token says where it stands:
	 * {@code inin-ratelimit-count} (requests in the token's minute), {@code inin-ratelimit-allowed} (the limit) and
	 * {@code inin-ratelimit-reset} (whole seconds until the minute is over). Genesys's default is {@link #GENESYS_RATE_LIMIT_PER_MINUTE}.
	 * @param requestsPerMinute the limit, 0 for none
	 */
	public void setRateLimitPerMinute(int requestsPerMinute) {
		this.rateLimits.setPerMinute(requestsPerMinute);
	}

	/** {@return token requests received, accepted or not} */
	public int tokenRequests() {
		return this.tokenEndpoint.requests();
	}

	/**
	 * Tokens issued.
	 * @return how many tokens were issued
	 */
	public int tokensIssued() {
		return this.tokens.issued();
	}

	/** {@return every access token issued since start, for tests that prove no token reaches a log or a message} */
	public Set<String> issuedTokenValues() {
		return this.tokens.values();
	}

	/** {@return Platform API requests received, authorized or not} */
	public int apiRequests() {
		return this.platformApi.requests();
	}

	/**
	 * As {@link #tokenRequests()}, for one OAuth client; with those naming no client it has, they add up to it.
	 * @param clientId the OAuth client id
	 * @return the same, for that client
	 */
	public int tokenRequests(String clientId) {
		return client(clientId).tokenRequests().get();
	}

	/**
	 * As {@link #tokensIssued()}, for one OAuth client.
	 * @param clientId the OAuth client id
	 * @return the same, for that client
	 */
	public int tokensIssued(String clientId) {
		return client(clientId).tokensIssued().get();
	}

	/**
	 * As {@link #issuedTokenValues()}, for one OAuth client: whose token an {@link #apiRequestLog} entry carried.
	 * @param clientId the OAuth client id
	 * @return the same, for that client
	 */
	public Set<String> issuedTokenValues(String clientId) {
		return this.tokens.values(client(clientId));
	}

	/**
	 * As {@link #apiRequests()}, for those with a token of one OAuth client, valid or not, to prove that each org's
	 * calls carry its own tokens; with those carrying no token or one never issued, they add up to it.
	 * @param clientId the OAuth client id
	 * @return the same, for that client
	 */
	public int apiRequests(String clientId) {
		return client(clientId).apiRequests().get();
	}

	/** {@return Platform API requests answered 401 because their token was missing, unknown, revoked or expired} */
	public int unauthorizedApiRequests() {
		return this.platformApi.unauthorized();
	}

	/** {@return Platform API requests answered 429, by an injected fault or by the rate limit} */
	public int rateLimitedApiRequests() {
		return this.platformApi.rateLimited();
	}

	/** {@return Platform API requests answered with an injected {@link ApiFault}} */
	public int faultedApiRequests() {
		return this.platformApi.faulted();
	}

	/**
	 * {@return the Platform API requests received, oldest first, as WireMock logged them (headers and body included)}
	 */
	public List<LoggedRequest> apiRequestLog() {
		return this.server.apiRequestLog();
	}

	/** {@return Platform API requests that carried a token the stand-in issued but that had expired on arrival} */
	public int expiredTokenApiRequests() {
		return this.platformApi.expired();
	}

	/** {@return the token requests received, oldest first, as WireMock logged them (headers and body included)} */
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

	/** {@return the WireMock server underneath, to stub endpoints the stand-in does not know} */
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

}
