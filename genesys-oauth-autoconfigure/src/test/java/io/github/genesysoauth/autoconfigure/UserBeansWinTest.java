package io.github.genesysoauth.autoconfigure;

import java.time.Duration;

import io.github.genesysoauth.actuate.GenesysOAuthMetrics;
import io.github.genesysoauth.actuate.OrgHealth;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.sdk.GenesysOrgApiClients;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.registration;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's bean always wins by name, and a user's extra beans of the starter's types change nothing: the starter's
 * own beans find each other by name. Org A is the default org the properties name; org B is another org an
 * application wires by hand.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserBeansWinTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static GenesysCloudStandIn orgA;

	private static GenesysCloudStandIn orgB;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class,
				MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, GenesysOAuthHealthAutoConfiguration.class,
				GenesysOAuthMetricsAutoConfiguration.class));

	@BeforeAll
	static void startOrgs() {
		orgA = GenesysCloudStandIn.builder().organizationName("Org A").start();
		orgB = GenesysCloudStandIn.builder()
			.organizationName("Org B")
			.clientId("org-b-client")
			.clientSecret("org-b-secret")
			.start();
	}

	@AfterAll
	static void stopOrgs() {
		orgA.close();
		orgB.close();
	}

	@BeforeEach
	void reset() {
		orgA.heal();
		orgA.resetCounters();
		orgB.heal();
		orgB.resetCounters();
	}

	@Test
	void aUserRegistrationIsNeverReplacedByLeftoverCredentialProperties() {
		this.runner
			.withPropertyValues("genesys.oauth.client-id=leftover-client", "genesys.oauth.client-secret=leftover-secret",
					"genesys.oauth.api-base-url=" + orgA.apiBaseUrl())
			.withUserConfiguration(VaultRegistration.class)
			.run((context) -> {
				assertThat(organizationName(context)).isEqualTo("Org A");

				// a refresh that rebinds the leftover properties does not reach the user's registration either
				context.getBean(GenesysOAuthProperties.class).setClientSecret("rebound-leftover-secret");
				context.getBean("genesysAccessTokens", GenesysAccessTokens.class).invalidate();
				assertThat(organizationName(context)).isEqualTo("Org A");

				assertThat(orgA.tokenRequestLog()).hasSize(2)
					.allSatisfy((request) -> assertThat(request.getHeader("Authorization"))
						.isEqualTo(basic(orgA.clientId(), orgA.clientSecret())));
			});
	}

	@Test
	void anotherOrgsAccessTokensBeanLeavesTheDefaultClientAsItWas() {
		this.runner.withPropertyValues(orgA.propertyValues())
			.withUserConfiguration(OrgBAccessTokens.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();

				assertThat(organizationName(context)).isEqualTo("Org A");
				assertThat(orgA.tokenRequests()).isEqualTo(1);
				assertThat(orgB.tokenRequests()).isZero();
				assertThat(context.getBean("genesysAccessTokens")).isNotSameAs(context.getBean("orgBTokens"));
				assertThat(context.getBean(GenesysAccessTokens.class))
					.as("the application's own bean is what it injects by type")
					.isSameAs(context.getBean("orgBTokens"));
				assertStarterObservesOrgA(context);
			});
	}

	@Test
	void anotherGenesysOrgsBeanIsWhatTheApplicationInjectsAndLeavesTheStartersOrgsAsTheyWere() {
		this.runner.withPropertyValues(orgA.propertyValues())
			.withPropertyValues("genesys.oauth.orgs.b.client-id=" + orgB.clientId(),
					"genesys.oauth.orgs.b.client-secret=" + orgB.clientSecret(),
					"genesys.oauth.orgs.b.token-uri=" + orgB.tokenUri(),
					"genesys.oauth.orgs.b.api-base-url=" + orgB.apiBaseUrl())
			.withBean("tenantOrgs", GenesysOrgs.class,
					() -> GenesysOrgs.builder((name, runTime, api, registration) -> {
						throw new IllegalStateException("not used");
					}, RestClient::builder).build())
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GenesysOrgs.class)).as("the application's own bean, by type")
					.isSameAs(context.getBean("tenantOrgs"));

				GenesysOrgs starters = context.getBean("genesysOrgs", GenesysOrgs.class);
				assertThat(starters.configuredNames()).containsExactly("b");
				assertThat(OrgHealth.of(context, "b").health().block(WAIT).getStatus()).isEqualTo(Status.UP);
				assertThat(orgB.tokenRequests()).isOne();
			});
	}

	@Test
	void aUserGenesysOrgsBeanOfTheStartersNameReplacesIt() {
		GenesysOrgs own = GenesysOrgs.builder((name, runTime, api, registration) -> {
			throw new IllegalStateException("not used");
		}, RestClient::builder).build();
		this.runner.withPropertyValues(orgA.propertyValues())
			.withBean("genesysOrgs", GenesysOrgs.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("genesysOrgs")).isSameAs(own);
				assertThat(context).hasSingleBean(GenesysOrgs.class);
			});
	}

	@Test
	void userBeansOfThePerStyleRegistriesNamesReplaceThemAndOnesOfAnotherNameRewireNothing() {
		GenesysOrgs unused = GenesysOrgs.builder((name, runTime, api, registration) -> {
			throw new IllegalStateException("not used");
		}, RestClient::builder).build();
		GenesysOrgWebClients ownWebClients = new GenesysOrgWebClients(unused, () -> null, WebClient::builder);
		GenesysOrgApiClients ownApiClients = new GenesysOrgApiClients(unused, () -> null);
		this.runner.withConfiguration(AutoConfigurations.of(GenesysOAuthSdkAutoConfiguration.class))
			.withPropertyValues(orgA.propertyValues())
			.withBean("genesysOrgWebClients", GenesysOrgWebClients.class, () -> ownWebClients)
			.withBean("genesysOrgApiClients", GenesysOrgApiClients.class, () -> ownApiClients)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(GenesysOrgWebClients.class)
					.hasSingleBean(GenesysOrgApiClients.class);
				assertThat(context.getBean("genesysOrgWebClients")).isSameAs(ownWebClients);
				assertThat(context.getBean("genesysOrgApiClients")).isSameAs(ownApiClients);
			});
		this.runner.withConfiguration(AutoConfigurations.of(GenesysOAuthSdkAutoConfiguration.class))
			.withPropertyValues(orgA.propertyValues())
			.withPropertyValues("management.health.genesys.token-info-probe=true")
			.withBean("tenantWebClients", GenesysOrgWebClients.class, () -> ownWebClients)
			.withBean("tenantApiClients", GenesysOrgApiClients.class, () -> ownApiClients)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(GenesysOrgWebClients.class)).as("the application's own, by type")
					.isSameAs(ownWebClients);
				assertThat(context.getBean(GenesysOrgApiClients.class)).isSameAs(ownApiClients);
				assertThat(context.getBean("genesysOrgApiClients", GenesysOrgApiClients.class).apiClient("default"))
					.isSameAs(context.getBean("genesysApiClient"));
				// the health probe asks the starter's own by name: the application's, built on other orgs, would fail
				assertStarterObservesOrgA(context);
				assertThat(OrgHealth.of(context, "default").health().block(WAIT).getStatus()).isEqualTo(Status.UP);
				assertThat(orgA.apiRequestLog()).as("the token-info probe went to org A")
					.anySatisfy((request) -> assertThat(request.getUrl()).isEqualTo("/api/v2/tokens/me"));
			});
	}

	@Test
	void twoMoreAccessTokensBeansLeaveStartUpMetricsAndHealthAsTheyWere() {
		this.runner.withPropertyValues(orgA.propertyValues())
			.withUserConfiguration(OrgBAccessTokens.class, OrgCAccessTokens.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();

				assertThat(organizationName(context)).isEqualTo("Org A");
				assertThat(orgB.tokenRequests()).isZero();
				assertStarterObservesOrgA(context);
			});
	}

	@Test
	void moreWebClientsAndRegistrationsLeaveTheStarterAsItWas() {
		this.runner.withPropertyValues(orgA.propertyValues())
			.withPropertyValues("management.health.genesys.token-info-probe=true")
			.withUserConfiguration(OrgBWebClientAndRegistration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();

				assertThat(organizationName(context)).isEqualTo("Org A");
				assertThat(context.getBean("genesysClientRegistration", ClientRegistration.class).getClientId())
					.isEqualTo(orgA.clientId());
				assertStarterObservesOrgA(context);
				assertThat(orgA.apiRequestLog()).as("the token-info probe went to org A")
					.anySatisfy((request) -> assertThat(request.getUrl()).isEqualTo("/api/v2/tokens/me"));
				assertThat(orgB.apiRequests()).isZero();
			});
	}

	@Test
	void aUserRegistrationOfAnotherRegionThanTheApiIsReportedWhenTheClientsAreBuilt(CapturedOutput output) {
		this.runner.withUserConfiguration(IrelandRegistration.class).run((context) -> {
			context.getBean("genesysApiCallPolicy");

			assertThat(output).contains("The Genesys Cloud token URI https://login.mypurecloud.ie/oauth/token and API "
					+ "base URL https://api.mypurecloud.com belong to different regions (mypurecloud.ie and "
					+ "mypurecloud.com)")
				.contains("Set the region (or api-base-url)");
		});
		this.runner.withUserConfiguration(IrelandRegistration.class)
			.withPropertyValues("genesys.oauth.region=eu-west-1")
			.run((context) -> {
				int before = output.toString().split("belong to different regions", -1).length;
				context.getBean("genesysApiCallPolicy");

				assertThat(output.toString().split("belong to different regions", -1)).hasSize(before);
			});
	}

	private static void assertStarterObservesOrgA(AssertableApplicationContext context) {
		GenesysAccessTokens starters = context.getBean("genesysAccessTokens", GenesysAccessTokens.class);
		Health health = OrgHealth.of(context, "default").health().block(WAIT);
		assertThat(health.getDetails()).containsEntry("tokenUri", orgA.tokenUri().toString());
		assertThat(context.getBean(io.micrometer.core.instrument.MeterRegistry.class)
			.get(GenesysOAuthMetrics.TOKEN_EXPIRES_IN)
			.gauge()
			.getId()
			.getTag("client")).isEqualTo(orgA.clientId());
		assertThat(starters.clientRegistration().getClientId()).isEqualTo(orgA.clientId());
	}

	private static String organizationName(AssertableApplicationContext context) {
		String body = context.getBean("genesysWebClient", WebClient.class)
			.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);
		return body.replaceAll("(?s).*\"name\":\"([^\"]*)\".*", "$1");
	}

	private static String basic(String clientId, String clientSecret) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	@Configuration(proxyBeanMethods = false)
	static class VaultRegistration {

		@Bean
		ClientRegistration genesysClientRegistration() {
			return registration(orgA);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class IrelandRegistration {

		@Bean
		ClientRegistration genesysClientRegistration() {
			return ClientRegistration.withClientRegistration(registration(orgA))
				.tokenUri("https://login.mypurecloud.ie/oauth/token")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrgBAccessTokens {

		@Bean
		GenesysAccessTokens orgBTokens() {
			return GenesysAccessTokens.builder(registration(orgB)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrgCAccessTokens {

		@Bean
		GenesysAccessTokens orgCTokens() {
			return GenesysAccessTokens.builder(registration(orgB)).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrgBWebClientAndRegistration {

		@Bean
		WebClient orgBWebClient() {
			return WebClient.create(orgB.apiBaseUrl().toString());
		}

		@Bean
		ClientRegistration orgBRegistration() {
			return registration(orgB);
		}

	}

}
