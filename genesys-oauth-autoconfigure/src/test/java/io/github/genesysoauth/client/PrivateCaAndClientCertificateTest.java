package io.github.genesysoauth.client;

import java.util.stream.Stream;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.StandInCertificates;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Genesys Cloud behind TLS that the JVM does not trust, as behind a proxy that re-signs TLS with a company's CA: the
 * stand-in in TLS mode, with a CA of the test's own. The clients reach it only through the SSL bundle that
 * {@code genesys.oauth.ssl.bundle} names (token requests and API calls alike), fail clearly without it, and present a
 * client certificate from it where the stand-in asks for one (mutual TLS).
 */
class PrivateCaAndClientCertificateTest {

	private static final String ME = "/api/v2/organizations/me";

	private static StandInCertificates certificates;

	private static GenesysCloudStandIn tls;

	private static GenesysCloudStandIn mutualTls;

	@BeforeAll
	static void start() {
		certificates = StandInCertificates.generate();
		tls = GenesysCloudStandIn.builder().tls(certificates).start();
		mutualTls = GenesysCloudStandIn.builder().tls(certificates).requireClientCertificate().start();
	}

	@AfterAll
	static void stop() {
		tls.close();
		mutualTls.close();
	}

	@AfterEach
	void reset() {
		tls.resetCounters();
		mutualTls.resetCounters();
	}

	private static ApplicationContextRunner runner(GenesysCloudStandIn genesys, String client, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(GenesysAutoConfigurations.everyClient(SslAutoConfiguration.class))
			.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("spring.http.clients.imperative.factory=" + client,
					"spring.http.clients.reactive.connector=" + client)
			.withPropertyValues(properties);
	}

	@ParameterizedTest(name = "{0} over {1}")
	@MethodSource("styles")
	void theCompanysCaInAnSslBundleIsTrustedForTokenRequestsAndApiCalls(String style, String client) {
		runner(tls, client, certificates.sslBundleProperties("corporate", false))
			.withPropertyValues("genesys.oauth.ssl.bundle=corporate")
			.withUserConfiguration(CorporateProxyTest.OrganizationGroup.class)
			.run((context) -> {
				assertThat(call(context, style)).contains("Stand-in Organization");
				assertThat(tls.tokenRequests()).isOne();
				assertThat(tls.apiRequests()).isOne();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void aPkcs12TrustStoreBundleServesAsWellAsAPemOne(String client) {
		runner(tls, client, certificates.trustStoreBundleProperties("corporate"))
			.withPropertyValues("genesys.oauth.ssl.bundle=corporate")
			.run((context) -> {
				assertThat(call(context, "RestClient")).contains("Stand-in Organization");
				assertThat(call(context, "WebClient")).contains("Stand-in Organization");
				assertThat(tls.tokenRequests()).isOne();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void aNamedOrgTrustsThroughABundleOfItsOwnWhileTheDefaultOrgNeedsNone(String client) {
		try (GenesysCloudStandIn plain = GenesysCloudStandIn.builder().start()) {
			runner(plain, client, certificates.sslBundleProperties("acme-ca", false))
				.withPropertyValues("genesys.oauth.orgs.acme.client-id=" + tls.clientId(),
						"genesys.oauth.orgs.acme.client-secret=" + tls.clientSecret(),
						"genesys.oauth.orgs.acme.token-uri=" + tls.tokenUri(),
						"genesys.oauth.orgs.acme.api-base-url=" + tls.apiBaseUrl(),
						"genesys.oauth.orgs.acme.ssl.bundle=acme-ca")
				.run((context) -> {
					GenesysOrg acme = context.getBean(GenesysOrgs.class).org("acme");
					assertThat(Me.of(acme.restClient()))
						.contains("Stand-in Organization");
					assertThat(Me.of(context.getBean(GenesysOrgWebClients.class).client(acme))).contains("Stand-in Organization");
					assertThat(call(context, "RestClient")).contains("Stand-in Organization");
					assertThat(tls.tokenRequests()).isOne();
					assertThat(plain.tokenRequests()).isOne();
				});
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void aLoginBundleSetApartIsTrustedForTokenRequestsOnly(String client) {
		runner(tls, client, certificates.sslBundleProperties("login-ca", false))
			.withPropertyValues("genesys.oauth.login.ssl.bundle=login-ca")
			.run((context) -> {
				assertThat(catchThrowable(() -> call(context, "RestClient"))).as("the API host is not trusted")
					.hasStackTraceContaining("PKIX path building failed");
				assertThat(tls.tokenRequests()).as("the login host is").isOne();
				assertThat(tls.apiRequests()).isZero();
			});
	}

	static Stream<Arguments> styles() {
		return Stream.of("RestClient", "WebClient", "HTTP interface", "SDK")
			.flatMap((style) -> Stream.of("jdk", "reactor").map((client) -> Arguments.of(style, client)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void withoutTheBundleTheTokenRequestFailsWithAMessageThatSaysWhatToSet(String client) {
		runner(tls, client).run((context) -> {
			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> call(context, "WebClient"));

			assertThat(failure.getErrorCode()).isEqualTo("tls_failed");
			assertThat(failure.getMessage()).contains("TLS with the token endpoint failed")
				.contains("is not trusted here")
				.contains("set genesys.oauth.ssl.bundle");
			assertThat(tls.tokenRequests()).isZero();
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void aClientCertificateFromTheBundleIsPresentedWhereTheServerAsksForOne(String client) {
		runner(mutualTls, client, certificates.sslBundleProperties("corporate", true))
			.withPropertyValues("genesys.oauth.ssl.bundle=corporate")
			.run((context) -> {
				assertThat(call(context, "RestClient")).contains("Stand-in Organization");
				assertThat(call(context, "WebClient")).contains("Stand-in Organization");
				assertThat(mutualTls.tokenRequests()).isOne();
				assertThat(mutualTls.apiRequests()).isEqualTo(2);
			});
		mutualTls.resetCounters();
		runner(mutualTls, client, certificates.sslBundleProperties("corporate", false))
			.withPropertyValues("genesys.oauth.ssl.bundle=corporate")
			.run((context) -> {
				GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
						() -> call(context, "RestClient"));

				// TLS 1.3 may report the refusal as an alert, or as a connection the server closed
				assertThat(failure.getErrorCode()).isIn("tls_failed", "connection_failed");
				if (failure.getErrorCode().equals("tls_failed")) {
					assertThat(failure.getMessage()).contains("asks for a client certificate")
						.contains("genesys.oauth.ssl.bundle");
				}
				assertThat(mutualTls.tokenRequests()).isZero();
			});
	}

	private static String call(AssertableApplicationContext context, String style) throws Exception {
		return switch (style) {
			case "RestClient" ->
				Me.of(context.getBean("genesysRestClient", RestClient.class));
			case "WebClient" -> Me.of(context.getBean("genesysWebClient", WebClient.class));
			case "HTTP interface" -> context.getBean(CorporateProxyTest.Organizations.class).me();
			default -> new OrganizationApi(context.getBean("genesysApiClient", ApiClient.class)).getOrganizationsMe()
				.getName();
		};
	}

}
