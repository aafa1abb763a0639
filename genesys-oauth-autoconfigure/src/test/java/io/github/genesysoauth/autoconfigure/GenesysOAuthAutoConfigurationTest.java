package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.Renewals;
import io.github.genesysoauth.token.RestClientTokenResponseClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.threeten.extra.MutableClock;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static io.github.genesysoauth.token.GenesysAccessTokensTestSupport.callConcurrently;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysOAuthAutoConfigurationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class));

	// started once for the class; healed and zeroed before each test
	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	private ApplicationContextRunner standInRunner() {
		return this.runner.withPropertyValues(genesys.propertyValues());
	}

	@Test
	void buildsTheClientOnlyWhenFirstAskedForYetChecksThePropertiesAtStartUp() {
		standInRunner().run((context) -> {
			assertThat(context.getBeanFactory().containsSingleton("genesysWebClient")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("genesysAccessTokens")).isFalse();
			assertThat(context.getBeanFactory().containsSingleton("genesysClientRegistration")).isTrue();

			context.getBean("genesysWebClient");

			assertThat(context.getBeanFactory().containsSingleton("genesysAccessTokens")).isTrue();
		});
		standInRunner().withPropertyValues("genesys.oauth.api-base-url=http://genesys.example.com")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void registersTheContractsBeans() {
		standInRunner().run((context) -> {
			assertThat(context).hasSingleBean(GenesysAccessTokens.class);
			assertThat(context).hasBean("genesysAccessTokens").hasBean("genesysWebClient").hasBean("genesysClientRegistration");
			ClientRegistration registration = context.getBean("genesysClientRegistration", ClientRegistration.class);
			assertThat(registration.getRegistrationId()).isEqualTo("genesys");
			assertThat(registration.getAuthorizationGrantType()).isEqualTo(AuthorizationGrantType.CLIENT_CREDENTIALS);
			assertThat(registration.getClientAuthenticationMethod())
				.isEqualTo(ClientAuthenticationMethod.CLIENT_SECRET_BASIC);
			assertThat(registration.getClientId()).isEqualTo(genesys.clientId());
			assertThat(registration.getProviderDetails().getTokenUri()).isEqualTo(genesys.tokenUri().toString());
			assertThat(registration.getScopes()).isEmpty();
		});
	}

	@Test
	void genesysWebClientCallsThePlatformApiWithABearerToken() {
		standInRunner().run((context) -> {
			WebClient client = context.getBean("genesysWebClient", WebClient.class);

			String organization = client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
			String tokenInfo = client.get().uri("/api/v2/tokens/me").retrieve().bodyToMono(String.class).block(WAIT);

			assertThat(organization).contains("\"name\":\"Stand-in Organization\"");
			assertThat(tokenInfo).contains("\"OAuthClient\"");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(genesys.unauthorizedApiRequests()).isZero();
		});
	}

	@Test
	void sendsOneTokenRequestFor500ConcurrentFirstCalls() {
		genesys.setTokenResponseDelay(Duration.ofMillis(200));
		try {
			// 500 calls at once: pacing would hold all past the 300 a minute it assumes (this stand-in sets no limit,
			// so no inin-ratelimit-* headers say otherwise) for a minute; the point here is the one token request
			standInRunner().withPropertyValues("genesys.oauth.rate-limit.mode=off").run((context) -> {
				WebClient client = context.getBean("genesysWebClient", WebClient.class);

				Set<String> statuses = callConcurrently(500, () -> client.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.toBodilessEntity()
					.map((response) -> response.getStatusCode().toString())
					.block(WAIT));

				assertThat(statuses).containsExactly("200 OK");
				assertThat(genesys.tokenRequests()).isEqualTo(1);
				assertThat(genesys.apiRequests()).isEqualTo(500);
				assertThat(genesys.unauthorizedApiRequests()).isZero();
			});
		}
		finally {
			genesys.setTokenResponseDelay(Duration.ZERO);
		}
	}

	@Test
	void renewsOncePerRenewalUnderConcurrentCallsAndNeverSendsAnExpiredToken() {
		MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		try (GenesysCloudStandIn shortLived = GenesysCloudStandIn.builder()
			.clock(clock)
			.tokenLifetime(Duration.ofSeconds(300))
			.start()) {
			shortLived.setTokenResponseDelay(Duration.ofMillis(50));
			this.runner.withBean("genesysClock", Clock.class, () -> clock)
				.withPropertyValues(shortLived.propertyValues())
				.run((context) -> {
					WebClient client = context.getBean("genesysWebClient", WebClient.class);
					for (int renewal = 0; renewal <= 4; renewal++) {
						Set<String> statuses = callConcurrently(100, () -> client.get()
							.uri("/api/v2/tokens/me")
							.retrieve()
							.toBodilessEntity()
							.map((response) -> response.getStatusCode().toString())
							.block(WAIT));
						assertThat(statuses).containsExactly("200 OK");
						assertThat(shortLived.tokenRequests()).isEqualTo(renewal + 1);
						// past the renewal point of the token in use (300 s - 60 s), short of its expiry
						clock.add(Duration.ofSeconds(250));
					}
					assertThat(shortLived.apiRequests()).isEqualTo(500);
					assertThat(shortLived.expiredTokenApiRequests()).isZero();
					assertThat(shortLived.unauthorizedApiRequests()).isZero();
				});
		}
	}

	@Test
	void buildsBothClientsFromBootsWebClientBuilder() {
		AtomicInteger customized = new AtomicInteger();
		standInRunner().withBean(WebClientCustomizer.class, () -> (builder) -> builder.filter((request, next) -> {
			customized.incrementAndGet();
			return next.exchange(ClientRequest.from(request).header("X-Customized", "yes").build());
		})).run((context) -> {
			context.getBean("genesysWebClient", WebClient.class)
				.get()
				.uri("/api/v2/organizations/me")
				.retrieve()
				.toBodilessEntity()
				.block(WAIT);

			assertThat(customized).hasValue(2);
			assertThat(genesys.tokenRequestLog().get(0).getHeader("X-Customized")).isEqualTo("yes");
		});
	}

	@Test
	void worksWithoutBootsWebClientAutoConfiguration() {
		new ApplicationContextRunner().withConfiguration(GenesysAutoConfigurations.clients())
			.withPropertyValues(genesys.propertyValues())
			.run((context) -> assertThat(context.getBean("genesysWebClient", WebClient.class)
				.get()
				.uri("/api/v2/organizations/me")
				.retrieve()
				.bodyToMono(String.class)
				.block(WAIT)).contains("Stand-in Organization"));
	}

	@Test
	void usesTheApplicationsClockForRenewal() {
		MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
		standInRunner().withBean("genesysClock", Clock.class, () -> clock).run((context) -> {
			GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
			tokens.accessToken().block(WAIT);
			clock.add(GenesysCloudStandIn.DEFAULT_TOKEN_LIFETIME.minusSeconds(59));

			tokens.accessToken().block(WAIT);
			Renewals.awaitFresh(tokens);

			assertThat(genesys.tokenRequests()).isEqualTo(2);
			assertThat(tokens.state().renewAt()).isEqualTo(clock.instant()
				.plus(GenesysCloudStandIn.DEFAULT_TOKEN_LIFETIME)
				.minusSeconds(60));
		});
	}

	@Test
	void appliesRefreshBeforeExpiryAndScopes() {
		standInRunner().withPropertyValues("genesys.oauth.refresh-before-expiry=5m", "genesys.oauth.scopes=users,analytics")
			.run((context) -> {
				GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
				tokens.accessToken().block(WAIT);

				Instant expiresAt = tokens.state().expiresAt();
				assertThat(Duration.between(tokens.state().renewAt(), expiresAt)).isEqualTo(Duration.ofMinutes(5));
				assertThat(genesys.tokenRequestLog().get(0).getBodyAsString())
					.isEqualTo("grant_type=client_credentials&scope=users+analytics");
			});
	}

	@Test
	void leavesTheApplicationsOwnWebClientInjectableByType() {
		standInRunner().withUserConfiguration(ApplicationWebClientConfiguration.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ApplicationService service = context.getBean(ApplicationService.class);
			assertThat(service.client()).isSameAs(context.getBean("applicationWebClient"));
			assertThat(service.client()).isNotSameAs(context.getBean("genesysWebClient"));
		});
	}

	@Test
	void injectsGenesysWebClientByQualifierBesideTheApplicationsOwn() {
		standInRunner().withUserConfiguration(ApplicationWebClientConfiguration.class, GenesysUserConfiguration.class)
			.run((context) -> assertThat(context.getBean(GenesysService.class).client())
				.isSameAs(context.getBean("genesysWebClient")));
	}

	@Test
	void injectsGenesysWebClientByTypeWhenTheApplicationHasNoWebClient() {
		standInRunner().withUserConfiguration(GenesysByTypeConfiguration.class)
			.run((context) -> assertThat(context.getBean(GenesysService.class).client())
				.isSameAs(context.getBean("genesysWebClient")));
	}

	@Test
	void parameterNameAloneDoesNotPickGenesysWebClientBesideTheApplicationsOwn() {
		// As the README says: beside an application's own WebClient, ask for this one with @Qualifier.
		standInRunner().withUserConfiguration(ApplicationWebClientConfiguration.class, GenesysByNameConfiguration.class)
			.run((context) -> assertThat(context.getBean(GenesysService.class).client())
				.isSameAs(context.getBean("applicationWebClient")));
	}

	@Test
	void backsOffFromAUserDefinedWebClient() {
		standInRunner().withUserConfiguration(UserGenesysWebClient.class).run((context) -> {
			assertThat(context.getBean("genesysWebClient")).isSameAs(UserGenesysWebClient.CLIENT);
			assertThat(context).hasSingleBean(GenesysAccessTokens.class);
		});
	}

	@Test
	void backsOffFromAUserDefinedClientRegistration() {
		this.runner.withPropertyValues("genesys.oauth.api-base-url=" + genesys.apiBaseUrl())
			.withUserConfiguration(UserClientRegistration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ClientRegistration registration = context.getBean("genesysClientRegistration", ClientRegistration.class);
				assertThat(registration.getClientName()).isEqualTo("user-defined");
				context.getBean(GenesysAccessTokens.class).accessToken().block(WAIT);
				assertThat(genesys.tokenRequests()).isEqualTo(1);
			});
	}

	@Test
	void backsOffFromUserDefinedAccessTokensOfItsName() {
		standInRunner().withUserConfiguration(UserAccessTokens.class).run((context) -> {
			assertThat(context).hasSingleBean(GenesysAccessTokens.class);
			assertThat(context.getBean("genesysAccessTokens", GenesysAccessTokens.class).clientRegistration().getClientName())
				.isEqualTo("user-defined");
		});
	}

	@Test
	void keepsItsAccessTokensBesideAnotherOfTheApplications() {
		standInRunner().withUserConfiguration(OtherAccessTokens.class).run((context) -> {
			assertThat(context).getBeans(GenesysAccessTokens.class).hasSize(2);
			assertThat(context.getBean("genesysAccessTokens")).isNotSameAs(context.getBean("otherTokens"));
			assertThat(context.getBean(GenesysAccessTokens.class)).isSameAs(context.getBean("otherTokens"));
		});
	}

	@Test
	void switchesOffWithEnabledFalse() {
		this.runner.withPropertyValues("genesys.oauth.enabled=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(GenesysAccessTokens.class)
				.doesNotHaveBean("genesysWebClient")
				.doesNotHaveBean("genesysClientRegistration")
				.doesNotHaveBean(GenesysOAuthProperties.class);
		});
	}

	@Test
	void withoutWebClientOnTheClasspathTokensTravelOverRestClient() {
		this.runner.withConfiguration(AutoConfigurations.of(RestClientAutoConfiguration.class))
			.withPropertyValues(genesys.propertyValues())
			.withClassLoader(new FilteredClassLoader(WebClient.class))
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean("genesysWebClient");
				assertThat(context.getBean("genesysTokenResponseClient", GenesysTokenResponseClient.class).blockingClient())
					.isInstanceOf(RestClientTokenResponseClient.class);

				String organization = context.getBean("genesysRestClient", RestClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.body(String.class);

				assertThat(organization).contains("Stand-in Organization");
				assertThat(genesys.tokenRequests()).isEqualTo(1);
			});
	}

	@Test
	void backsOffWithoutSpringSecurityOAuth2ClientOnTheClasspath() {
		standInRunner().withClassLoader(new FilteredClassLoader(ClientRegistration.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(GenesysAccessTokens.class));
	}

	@Test
	void loadsWithoutActuatorOrMicrometerOnTheClasspath() {
		standInRunner()
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer.core",
					"io.micrometer.observation", "io.micrometer.tracing"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(GenesysAccessTokens.class);
				assertThat(context.getBean("genesysWebClient", WebClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.bodyToMono(String.class)
					.block(WAIT)).contains("Stand-in Organization");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "eu-west-2", "eu_west_2", "EU_WEST_2", "Eu-West-2" })
	void bindsRegionInEveryForm(String region) {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.region=" + region)
			.run((context) -> assertThat(context.getBean("genesysClientRegistration", ClientRegistration.class)
				.getProviderDetails()
				.getTokenUri()).isEqualTo("https://login.euw2.pure.cloud/oauth/token"));
	}

	@Test
	void defaultsToUsEast1() {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret")
			.run((context) -> {
				assertThat(context.getBean("genesysClientRegistration", ClientRegistration.class)
					.getProviderDetails()
					.getTokenUri()).isEqualTo("https://login.mypurecloud.com/oauth/token");
				assertThat(GenesysPropertiesResolver.endpoints(context.getBean(GenesysOAuthProperties.class))
					.apiBaseUrl()).hasToString("https://api.mypurecloud.com");
			});
	}

	@Test
	void derivesHostsFromADomainTheTableDoesNotKnow() {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.domain=xyz9.pure.cloud")
			.run((context) -> {
				GenesysOAuthProperties properties = context.getBean(GenesysOAuthProperties.class);
				assertThat(GenesysPropertiesResolver.endpoints(properties).tokenUri())
					.hasToString("https://login.xyz9.pure.cloud/oauth/token");
				assertThat(GenesysPropertiesResolver.endpoints(properties).apiBaseUrl())
					.hasToString("https://api.xyz9.pure.cloud");
			});
	}

	@Test
	void acceptsADomainThatMatchesTheRegion() {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.region=mx-central-1", "genesys.oauth.domain=MXC1.pure.cloud")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void explicitUrisOverrideTheRegion() {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.region=eu-west-1", "genesys.oauth.token-uri=https://gateway.example.com/genesys/token",
				"genesys.oauth.api-base-url=https://gateway.example.com/genesys/api")
			.run((context) -> {
				GenesysOAuthProperties properties = context.getBean(GenesysOAuthProperties.class);
				assertThat(GenesysPropertiesResolver.endpoints(properties).tokenUri())
					.hasToString("https://gateway.example.com/genesys/token");
				assertThat(GenesysPropertiesResolver.endpoints(properties).apiBaseUrl())
					.hasToString("https://gateway.example.com/genesys/api");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:8080/oauth/token", "http://localhost:8080/oauth/token",
			"http://[::1]:8080/oauth/token", "http://127.1.2.3/oauth/token" })
	void acceptsPlainHttpForLoopbackHosts(String tokenUri) {
		this.runner.withPropertyValues("genesys.oauth.client-id=id", "genesys.oauth.client-secret=secret",
				"genesys.oauth.token-uri=" + tokenUri)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Configuration(proxyBeanMethods = false)
	static class ApplicationWebClientConfiguration {

		@Bean
		WebClient applicationWebClient() {
			return WebClient.create("https://example.test");
		}

		@Bean
		ApplicationService applicationService(WebClient client) {
			return new ApplicationService(client);
		}

	}

	record ApplicationService(WebClient client) {
	}

	@Configuration(proxyBeanMethods = false)
	static class GenesysUserConfiguration {

		@Bean
		GenesysService genesysService(@Qualifier("genesysWebClient") WebClient client) {
			return new GenesysService(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GenesysByTypeConfiguration {

		@Bean
		GenesysService genesysService(WebClient client) {
			return new GenesysService(client);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GenesysByNameConfiguration {

		@Bean
		GenesysService genesysService(WebClient genesysWebClient) {
			return new GenesysService(genesysWebClient);
		}

	}

	record GenesysService(WebClient client) {
	}

	@Configuration(proxyBeanMethods = false)
	static class UserGenesysWebClient {

		static final WebClient CLIENT = WebClient.create("https://example.test");

		@Bean
		WebClient genesysWebClient() {
			return CLIENT;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserClientRegistration {

		@Bean
		ClientRegistration genesysClientRegistration() {
			return ClientRegistration.withRegistrationId("genesys")
				.clientName("user-defined")
				.clientId(genesys.clientId())
				.clientSecret(genesys.clientSecret())
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenUri(genesys.tokenUri().toString())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserAccessTokens {

		@Bean
		GenesysAccessTokens genesysAccessTokens() {
			return GenesysAccessTokens.builder(new UserClientRegistration().genesysClientRegistration()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherAccessTokens {

		@Bean
		GenesysAccessTokens otherTokens() {
			return GenesysAccessTokens.builder(new UserClientRegistration().genesysClientRegistration()).build();
		}

	}

}
