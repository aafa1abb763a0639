package io.github.genesysoauth.test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** One stand-in serving several OAuth clients, each of its own organization, as Genesys serves its customers. */
class GenesysCloudStandInClientsTest {

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

	private GenesysCloudStandIn genesys;

	private StandInHttp http;

	private StandInClient acme;

	private StandInClient globex;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.builder().clock(this.clock).start();
		this.http = new StandInHttp(this.genesys);
		this.acme = this.genesys.addClient("acme-client", "acme-secret", "Acme");
		this.globex = this.genesys.addClient("globex-client", "globex-secret", "Globex");
	}

	@AfterEach
	void stop() {
		this.genesys.close();
	}

	@Test
	void describesTheClientItAdds() {
		assertThat(this.acme.clientId()).isEqualTo("acme-client");
		assertThat(this.acme.clientSecret()).isEqualTo("acme-secret");
		assertThat(this.acme.organizationName()).isEqualTo("Acme");
		assertThat(this.acme.organizationId()).isNotEqualTo(this.globex.organizationId())
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
		assertThat(this.acme.toString()).contains("acme-client", "Acme").doesNotContain("acme-secret");
		assertThat(this.genesys.client("acme-client")).isSameAs(this.acme);
	}

	@Test
	void answersEachTokenWithTheOrganizationOfItsClient() throws Exception {
		String acmeToken = this.http.token(this.acme);
		String globexToken = this.http.token(this.globex);
		String defaultToken = this.http.token(this.genesys.client(this.genesys.clientId()));

		assertThat(acmeToken).isNotEqualTo(globexToken);
		assertThat(this.http.get("/api/v2/organizations/me", acmeToken).body()).contains(
				"\"id\":\"" + this.acme.organizationId() + "\"", "\"name\":\"Acme\"");
		assertThat(this.http.get("/api/v2/organizations/me", globexToken).body()).contains(
				"\"id\":\"" + this.globex.organizationId() + "\"", "\"name\":\"Globex\"");
		assertThat(this.http.get("/api/v2/organizations/me", defaultToken).body())
			.contains("\"name\":\"Stand-in Organization\"");
	}

	@Test
	void answersTokensMeWithTheCallingClientAndItsHomeOrganization() throws Exception {
		HttpResponse<String> response = this.http.get("/api/v2/tokens/me", this.http.token(this.globex));

		String organization = "{\"id\":\"" + this.globex.organizationId() + "\",\"name\":\"Globex\",\"selfUri\":"
				+ "\"/api/v2/organizations/" + this.globex.organizationId() + "\"}";
		assertThat(response.body()).contains("\"organization\":" + organization,
				"\"homeOrganization\":" + organization, "\"OAuthClient\":{\"id\":\"globex-client\"")
			.doesNotContain(this.acme.organizationId());
	}

	// A Genesys token is of one organization; no request names another, so there is nothing to cross to.
	@Test
	void authenticatesEachClientWithItsOwnSecretOnly() throws Exception {
		HttpResponse<String> swapped = this.http.requestToken("acme-client", "globex-secret");
		HttpResponse<String> unknown = this.http.requestToken("initech-client", "acme-secret");

		assertThat(swapped.statusCode()).isEqualTo(400);
		assertThat(swapped.body()).contains("\"error\":\"invalid_client\"",
				"\"description\":\"authentication failed\"");
		assertThat(unknown.body()).contains("\"error\":\"invalid_client\"", "\"description\":\"client not found\"");
		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(200);
	}

	@Test
	void putsClientsNamingOneOrganizationIntoIt() throws Exception {
		StandInClient acmeReports = this.genesys.addClient("acme-reports", "reports-secret", "Acme");

		assertThat(acmeReports.organizationId()).isEqualTo(this.acme.organizationId());
		assertThat(this.http.get("/api/v2/tokens/me", this.http.token(acmeReports)).body())
			.contains("\"OAuthClient\":{\"id\":\"acme-reports\"", "\"name\":\"Acme\"");
	}

	@Test
	void refusesAClientIdItHasAlready() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.addClient("acme-client", "other", "Other"))
			.withMessageContaining("acme-client");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.genesys.addClient(GenesysCloudStandIn.DEFAULT_CLIENT_ID, "other", "Other"));
		assertThat(this.acme.organizationName()).isEqualTo("Acme");
	}

	@Test
	void countsRequestsAndTokensPerClient() throws Exception {
		String acmeToken = this.http.token(this.acme);
		this.http.requestToken("globex-client", "wrong");
		this.http.get("/api/v2/organizations/me", acmeToken);
		this.http.get("/api/v2/tokens/me", acmeToken);
		this.http.get("/api/v2/organizations/me", "not-a-token");

		assertThat(this.genesys.tokenRequests("acme-client")).isEqualTo(1);
		assertThat(this.genesys.tokensIssued("acme-client")).isEqualTo(1);
		assertThat(this.genesys.issuedTokenValues("acme-client")).containsExactly(acmeToken);
		assertThat(this.genesys.apiRequests("acme-client")).isEqualTo(2);
		assertThat(this.genesys.tokenRequests("globex-client")).isEqualTo(1);
		assertThat(this.genesys.tokensIssued("globex-client")).isZero();
		assertThat(this.genesys.issuedTokenValues("globex-client")).isEmpty();
		assertThat(this.genesys.apiRequests("globex-client")).isZero();
		assertThat(this.genesys.tokenRequests()).isEqualTo(2);
		assertThat(this.genesys.apiRequests()).as("the unknown token counts for no client").isEqualTo(3);
	}

	@Test
	void countsRequestsOfItsClientsTokensOnceTheyHaveExpired() throws Exception {
		String token = this.http.token(this.acme);
		this.clock.add(GenesysCloudStandIn.DEFAULT_TOKEN_LIFETIME);

		assertThat(this.http.get("/api/v2/organizations/me", token).statusCode()).isEqualTo(401);
		assertThat(this.genesys.apiRequests("acme-client")).isEqualTo(1);
		assertThat(this.genesys.expiredTokenApiRequests()).isEqualTo(1);
	}

	@Test
	void countsPerClientExactlyUnderConcurrentCallers() throws Exception {
		List<StandInClient> clients = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			clients.add(this.genesys.addClient("client-" + i, "secret-" + i, "Organization " + i));
		}
		AtomicInteger caller = new AtomicInteger();

		ConcurrentCallers.call(10 * 20, () -> {
			StandInClient client = clients.get(caller.getAndIncrement() % clients.size());
			String token = this.http.token(client);
			for (int call = 0; call < 3; call++) {
				assertThat(this.http.get("/api/v2/organizations/me", token).body())
					.contains("\"id\":\"" + client.organizationId() + "\"");
			}
			return token;
		});

		Set<String> tokens = new HashSet<>();
		for (StandInClient client : clients) {
			assertThat(this.genesys.tokenRequests(client.clientId())).isEqualTo(20);
			assertThat(this.genesys.tokensIssued(client.clientId())).isEqualTo(20);
			assertThat(this.genesys.apiRequests(client.clientId())).isEqualTo(60);
			assertThat(this.genesys.issuedTokenValues(client.clientId())).hasSize(20)
				.allSatisfy((token) -> assertThat(tokens.add(token)).as("a token of one client only").isTrue());
		}
		assertThat(this.genesys.tokenRequests()).isEqualTo(200);
		assertThat(this.genesys.apiRequests()).isEqualTo(600);
		assertThat(this.genesys.apiRequests("acme-client")).isZero();
	}

	@Test
	void tellsWhoseTokenEachLoggedRequestCarried() throws Exception {
		String acmeToken = this.http.token(this.acme);
		String globexToken = this.http.token(this.globex);
		this.http.get("/api/v2/organizations/me", acmeToken);
		this.http.get("/api/v2/tokens/me", globexToken);

		Set<String> acmeTokens = this.genesys.issuedTokenValues("acme-client");
		assertThat(this.genesys.apiRequestLog())
			.extracting((request) -> request.getHeader("Authorization").substring("Bearer ".length()))
			.containsExactly(acmeToken, globexToken)
			.filteredOn(acmeTokens::contains)
			.containsExactly(acmeToken);
	}

	@Test
	void zeroesEveryClientsCountersAndKeepsItsClients() throws Exception {
		String token = this.http.token(this.acme);
		this.http.get("/api/v2/organizations/me", token);

		this.genesys.resetCounters();

		assertThat(this.genesys.tokenRequests("acme-client")).isZero();
		assertThat(this.genesys.tokensIssued("acme-client")).isZero();
		assertThat(this.genesys.apiRequests("acme-client")).isZero();
		assertThat(this.genesys.issuedTokenValues("acme-client")).as("tokens stay valid").containsExactly(token);
		assertThat(this.genesys.client("acme-client")).isSameAs(this.acme);
		assertThat(this.http.get("/api/v2/organizations/me", token).body()).contains("\"name\":\"Acme\"");
	}

	@Test
	void keepsOneClientBehindAnOutageWhileTheOthersGetTokens() throws Exception {
		this.genesys.failTokenRequestsFor("acme-client", Duration.ofMinutes(5), TokenFault.status(503));

		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(503);
		assertThat(this.http.requestToken("globex-client", "globex-secret").statusCode()).isEqualTo(200);
		assertThat(this.http.requestToken(this.genesys.clientId(), this.genesys.clientSecret()).statusCode())
			.isEqualTo(200);
		this.clock.add(Duration.ofMinutes(5));
		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(200);
		assertThat(this.genesys.tokenRequests("acme-client")).isEqualTo(2);
		assertThat(this.genesys.tokensIssued("acme-client")).isEqualTo(1);
	}

	@Test
	void failsTheNextTokenRequestsOfOneClientOnly() throws Exception {
		this.genesys.failTokenRequests("acme-client", 2, TokenFault.connectionReset());

		assertThat(this.http.requestToken("globex-client", "globex-secret").statusCode())
			.as("another client's request does not use up the faults").isEqualTo(200);
		assertThatIOException().isThrownBy(() -> this.http.requestToken("acme-client", "acme-secret"));
		assertThatIOException().isThrownBy(() -> this.http.requestToken("acme-client", "acme-secret"));
		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(200);
	}

	@Test
	void failsTheApiRequestsOfOneClientsTokensOnly() throws Exception {
		String acmeToken = this.http.token(this.acme);
		String globexToken = this.http.token(this.globex);
		this.genesys.failApiRequests("acme-client", 1, ApiFault.unauthorized());
		this.genesys.failApiRequestsFor("globex-client", Duration.ofSeconds(30),
				ApiFault.rateLimited(Duration.ofSeconds(30)));

		assertThat(this.http.get("/api/v2/organizations/me", globexToken).statusCode()).isEqualTo(429);
		assertThat(this.http.get("/api/v2/organizations/me", acmeToken).statusCode()).isEqualTo(401);
		assertThat(this.http.get("/api/v2/organizations/me", acmeToken).statusCode()).isEqualTo(200);
		this.clock.add(Duration.ofSeconds(30));
		assertThat(this.http.get("/api/v2/organizations/me", globexToken).statusCode()).isEqualTo(200);
	}

	@Test
	void failsEveryClientWhenTheWholeLoginServiceFails() throws Exception {
		this.genesys.failTokenRequests(2, TokenFault.status(502));

		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(502);
		assertThat(this.http.requestToken("globex-client", "globex-secret").statusCode()).isEqualTo(502);
		assertThat(this.http.requestToken("acme-client", "acme-secret").statusCode()).isEqualTo(200);
	}

	@Test
	void healsTheFaultsOfEveryClient() throws Exception {
		this.genesys.failTokenRequestsFor("acme-client", Duration.ofHours(1), TokenFault.status(503));
		this.genesys.failApiRequests("globex-client", 10, ApiFault.status(503));

		this.genesys.heal();

		assertThat(this.http.get("/api/v2/organizations/me", this.http.token(this.acme)).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/api/v2/organizations/me", this.http.token(this.globex)).statusCode()).isEqualTo(200);
	}

	@Test
	void refusesAWrongSecretOfOneClientOnly() throws Exception {
		HttpResponse<String> refused = this.http.requestToken("acme-client", "wrong");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("\"error\":\"invalid_client\"");
		assertThat(this.http.requestToken("globex-client", "globex-secret").statusCode()).isEqualTo(200);
		assertThat(this.genesys.tokensIssued("acme-client")).isZero();
	}

	@Test
	void rotatesTheSecretOfOneClientOnly() throws Exception {
		String issuedBefore = this.http.token(this.acme);

		this.genesys.setClientSecret("acme-client", "acme-rotated");

		assertThat(this.http.requestToken("acme-client", "acme-secret").body())
			.contains("\"error\":\"invalid_client\"");
		assertThat(this.http.requestToken("acme-client", "acme-rotated").statusCode()).isEqualTo(200);
		assertThat(this.acme.clientSecret()).isEqualTo("acme-rotated");
		assertThat(this.http.requestToken("globex-client", "globex-secret").statusCode()).isEqualTo(200);
		assertThat(this.genesys.clientSecret()).isEqualTo(GenesysCloudStandIn.DEFAULT_CLIENT_SECRET);
		assertThat(this.http.get("/api/v2/organizations/me", issuedBefore).statusCode()).as("issued before")
			.isEqualTo(200);
	}

	@Test
	void pointsANamedOrgsPropertiesAtOneOfItsClients() {
		String prefix = "genesys.oauth.orgs.acme-eu.";

		assertThat(this.genesys.orgProperties("acme-eu", "acme-client")).containsExactly(
				Map.entry(prefix + "client-id", "acme-client"), Map.entry(prefix + "client-secret", "acme-secret"),
				Map.entry(prefix + "token-uri", this.genesys.baseUrl() + "/oauth/token"),
				Map.entry(prefix + "api-base-url", this.genesys.baseUrl()));
		assertThat(this.genesys.orgPropertyValues("acme-eu", "acme-client")).containsExactly(
				prefix + "client-id=acme-client", prefix + "client-secret=acme-secret",
				prefix + "token-uri=" + this.genesys.baseUrl() + "/oauth/token",
				prefix + "api-base-url=" + this.genesys.baseUrl());
	}

	@Test
	void givesANamedOrgTheSecretItsClientHasNow() {
		this.genesys.setClientSecret("globex-client", "globex-rotated");

		assertThat(this.genesys.orgProperties("globex", "globex-client"))
			.containsEntry("genesys.oauth.orgs.globex.client-secret", "globex-rotated");
	}

	@Test
	void refusesOrgPropertiesTheStarterWouldNotTake() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.orgProperties("Acme", "acme-client"))
			.withMessageContaining("Acme");
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.orgProperties("acme.eu", "acme-client"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.orgPropertyValues("acme", "initech"))
			.withMessageContaining("initech");
	}

	@Test
	void namesAClientItDoesNotHave() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.client("initech-client"))
			.withMessageContaining("initech-client");
		assertThatIllegalArgumentException().isThrownBy(() -> this.genesys.tokenRequests("initech-client"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.genesys.failTokenRequests("initech-client", 1, TokenFault.status(503)));
	}

	@Test
	void startsWithTheClientsItsBuilderAdds() throws Exception {
		try (GenesysCloudStandIn started = GenesysCloudStandIn.builder()
			.addClient("initech-client", "initech-secret", "Initech")
			.start()) {
			StandInClient initech = started.client("initech-client");

			assertThat(initech.organizationName()).isEqualTo("Initech");
			assertThat(new StandInHttp(started).requestToken("initech-client", "initech-secret").statusCode())
				.isEqualTo(200);
		}
	}

}
