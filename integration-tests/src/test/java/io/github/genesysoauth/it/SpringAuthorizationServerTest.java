package io.github.genesysoauth.it;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthOrgsAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthWebClientAutoConfiguration;
import io.github.genesysoauth.test.ConcurrentCallers;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.threeten.extra.MutableClock;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The starter against peers nobody here wrote: Spring Authorization Server issues client-credentials JWTs on one
 * loopback port, and a Spring Security resource server on another validates their signatures against the
 * authorization server's JWK set while serving a Genesys-like endpoint.
 */
class SpringAuthorizationServerTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	static final String CLIENT_ID = "genesys-it-client";

	static final String CLIENT_SECRET = "genesys-it-secret";

	private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);

	private static final RotatingKeys keys = new RotatingKeys();

	static final AtomicInteger tokenRequests = new AtomicInteger();


	private static ConfigurableApplicationContext authorizationServer;

	private static ConfigurableApplicationContext resourceServer;

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-05-01T12:00:00Z"), ZoneOffset.UTC);

	@BeforeAll
	static void startServers() {
		authorizationServer = ItApplications.start(AuthorizationServer.class, WebApplicationType.SERVLET, Map.of());
		resourceServer = ItResourceServer.start(ItApplications.baseUrl(authorizationServer) + "/oauth2/jwks");
	}

	@AfterAll
	static void stopServers() {
		resourceServer.close();
		authorizationServer.close();
	}

	@BeforeEach
	void resetCounters() {
		tokenRequests.set(0);
		ItResourceServer.resetCounters();
	}

	@Test
	void firstCallObtainsAJwtAndLaterCallsReuseIt() {
		client(CLIENT_SECRET).run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);
			for (int call = 0; call < 10; call++) {
				assertThat(organization(genesys)).contains(ItResourceServer.ORGANIZATION_NAME);
			}

			assertThat(tokenRequests).hasValue(1);
			assertThat(ItResourceServer.requests).hasValue(10);
			assertThat(ItResourceServer.unauthorized).hasValue(0);
			String token = context.getBean(GenesysAccessTokens.class).accessToken().block(WAIT).getTokenValue();
			assertThat(token.split("\\.")).as("a signed JWT").hasSize(3);
		});
	}

	@Test
	void renewsOncePerLifetimeUnderConcurrentLoad() {
		client(CLIENT_SECRET).run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);
			int renewals = 5;
			for (int round = 0; round <= renewals; round++) {
				Set<String> answers = ConcurrentCallers.call(32, () -> organization(genesys));
				assertThat(answers).singleElement().asString().contains(ItResourceServer.ORGANIZATION_NAME);
				// the round's callers got the token they held; its renewal lands in the background
				Renewals.awaitFreshToken(context.getBean(GenesysAccessTokens.class));
				// 5-minute tokens are renewed 60 s before they expire
				this.clock.add(TOKEN_LIFETIME.minusSeconds(60));
			}

			assertThat(tokenRequests).as("one per lifetime").hasValue(renewals + 1);
			assertThat(ItResourceServer.requests).hasValue((renewals + 1) * 32);
			assertThat(ItResourceServer.unauthorized).hasValue(0);
		});
	}

	@Test
	void wrongSecretIsRefusedWithTheServersError() {
		client("not-the-secret").run((context) -> {
			GenesysAuthenticationException failure = catchThrowableOfType(GenesysAuthenticationException.class,
					() -> organization(context.getBean("genesysWebClient", WebClient.class)));

			assertThat(failure.getErrorCode()).isEqualTo("invalid_client");
			assertThat(failure.getHttpStatus()).isEqualTo(401);
			assertThat(failure.getMessage()).doesNotContain("not-the-secret");
			assertThat(tokenRequests).hasValue(1);
			assertThat(ItResourceServer.requests).hasValue(0);
		});
	}

	@Test
	void recoversWhenAKeyRotationMakesTheResourceServerRejectItsToken() {
		client(CLIENT_SECRET).run((context) -> {
			WebClient genesys = context.getBean("genesysWebClient", WebClient.class);
			organization(genesys);

			keys.rotate();

			assertThat(organization(genesys)).contains(ItResourceServer.ORGANIZATION_NAME);
			assertThat(ItResourceServer.unauthorized).as("the token signed with the retired key").hasValue(1);
			assertThat(tokenRequests).hasValue(2);
			assertThat(ItResourceServer.requests).hasValue(3);
		});
	}

	private ApplicationContextRunner client(String secret) {
		String authorizationServerUrl = ItApplications.baseUrl(authorizationServer);
		String resourceServerUrl = ItApplications.baseUrl(resourceServer);
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
					GenesysOAuthAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class,
					GenesysOAuthOrgsAutoConfiguration.class))
			.withBean("genesysClock", Clock.class, () -> this.clock)
			.withPropertyValues("genesys.oauth.client-id=" + CLIENT_ID, "genesys.oauth.client-secret=" + secret,
					"genesys.oauth.token-uri=" + authorizationServerUrl + "/oauth2/token",
					"genesys.oauth.api-base-url=" + resourceServerUrl);
	}

	private static String organization(WebClient genesys) {
		return genesys.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
	}

	/** Spring Authorization Server with one client-credentials client, signing with keys the test can rotate. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class AuthorizationServer {

		@Bean
		RegisteredClientRepository registeredClients() {
			return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
				.clientId(CLIENT_ID)
				.clientSecret("{noop}" + CLIENT_SECRET)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
				.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
				.build());
		}

		@Bean
		JWKSource<SecurityContext> jwkSource() {
			return keys;
		}

		@Bean
		FilterRegistrationBean<OncePerRequestFilter> tokenRequestCounter() {
			FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
					new OncePerRequestFilter() {

						@Override
						protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
								FilterChain chain) throws ServletException, IOException {
							tokenRequests.incrementAndGet();
							chain.doFilter(request, response);
						}

					});
			registration.addUrlPatterns("/oauth2/token");
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	/** The authorization server's signing key, which a test replaces, retiring the old one. */
	static final class RotatingKeys implements JWKSource<SecurityContext> {

		private volatile JWKSet current = new JWKSet(newKey());

		void rotate() {
			this.current = new JWKSet(newKey());
		}

		@Override
		public List<JWK> get(JWKSelector selector, SecurityContext context) {
			return selector.select(this.current);
		}

		private static RSAKey newKey() {
			try {
				return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
			}
			catch (JOSEException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
