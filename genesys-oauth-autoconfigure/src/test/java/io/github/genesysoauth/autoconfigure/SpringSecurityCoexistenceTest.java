package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.Map;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with its own Spring Security OAuth2 client (registration "other", client credentials, at another
 * authorization server) and {@code @EnableWebFluxSecurity}: adding the starter changes none of it.
 */
class SpringSecurityCoexistenceTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private GenesysCloudStandIn genesys;

	private GenesysCloudStandIn otherProvider;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.start();
		// Spring Security URL-encodes Basic credentials by default (RFC 6749 2.3.1); this provider expects exactly that,
		// so the application's client works only if the starter's raw encoding for Genesys did not leak into it.
		this.otherProvider = GenesysCloudStandIn.builder()
			.clientId("other-client")
			.clientSecret("other%2Bsecret%2F%3D")
			.start();
		SpringApplication application = new SpringApplication(ApplicationWithItsOwnOAuth2Client.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		Map<String, Object> properties = new java.util.HashMap<>(this.genesys.properties());
		properties.putAll(Map.ofEntries(Map.entry("server.port", "0"),
				Map.entry("spring.security.oauth2.client.registration.other.client-id", "other-client"),
				Map.entry("spring.security.oauth2.client.registration.other.client-secret", "other+secret/="),
				Map.entry("spring.security.oauth2.client.registration.other.authorization-grant-type",
						"client_credentials"),
				Map.entry("spring.security.oauth2.client.registration.other.provider", "other"),
				Map.entry("spring.security.oauth2.client.provider.other.token-uri",
						this.otherProvider.tokenUri().toString())));
		application.setDefaultProperties(properties);
		this.context = application.run();
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.genesys.close();
		this.otherProvider.close();
	}

	@Test
	void leavesTheApplicationsRegistrationsAndManagerAlone() {
		ReactiveClientRegistrationRepository repository = this.context.getBean(ReactiveClientRegistrationRepository.class);

		assertThat(this.context.getBeansOfType(ReactiveClientRegistrationRepository.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ReactiveOAuth2AuthorizedClientManager.class)).containsOnlyKeys("otherManager");
		assertThat(repository.findByRegistrationId("other").block(WAIT)).isNotNull();
		assertThat(repository.findByRegistrationId("genesys").blockOptional(WAIT)).isEmpty();
		assertThat(this.context.getBean(ApplicationWithItsOwnOAuth2Client.class).injectedRegistrations).isEmpty();
	}

	@Test
	void bothClientsObtainTheirOwnTokensSideBySide() {
		WebClient otherClient = this.context.getBean(WebClient.class);
		WebClient genesysClient = this.context.getBean("genesysWebClient", WebClient.class);

		String fromOther = otherClient.get()
			.uri(this.otherProvider.baseUrl() + "/api/v2/organizations/me")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);
		String fromGenesys = genesysClient.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);

		assertThat(otherClient).isSameAs(this.context.getBean("otherWebClient"));
		assertThat(fromOther).contains("Stand-in Organization");
		assertThat(fromGenesys).contains("Stand-in Organization");
		assertThat(this.otherProvider.tokenRequests()).isEqualTo(1);
		assertThat(this.otherProvider.apiRequests()).isEqualTo(1);
		assertThat(this.genesys.tokenRequests()).isEqualTo(1);
		assertThat(this.genesys.apiRequests()).isEqualTo(1);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableWebFluxSecurity
	static class ApplicationWithItsOwnOAuth2Client {

		final java.util.List<ClientRegistration> injectedRegistrations;

		ApplicationWithItsOwnOAuth2Client(java.util.List<ClientRegistration> injectedRegistrations) {
			this.injectedRegistrations = injectedRegistrations;
		}

		@Bean
		SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http) {
			return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
				.oauth2Client((client) -> {
				})
				.build();
		}

		@Bean
		ReactiveOAuth2AuthorizedClientManager otherManager(ReactiveClientRegistrationRepository registrations,
				ReactiveOAuth2AuthorizedClientService clients) {
			return new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, clients);
		}

		@Bean
		WebClient otherWebClient(@Qualifier("otherManager") ReactiveOAuth2AuthorizedClientManager manager) {
			ServerOAuth2AuthorizedClientExchangeFilterFunction oauth = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
					manager);
			oauth.setDefaultClientRegistrationId("other");
			return WebClient.builder().filter(oauth).build();
		}

	}

}
