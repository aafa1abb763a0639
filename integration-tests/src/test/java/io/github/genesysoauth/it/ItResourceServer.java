package io.github.genesysoauth.it;

import java.text.ParseException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.server.WebFilter;

/**
 * A Spring Security resource server serving a Genesys-like {@code GET /api/v2/organizations/me}, which checks each
 * JWT's signature against an authorization server's current JWK set, and counts what it served.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ItResourceServer {

	static final String ORGANIZATION_NAME = "Resource Server IT";

	static final AtomicInteger requests = new AtomicInteger();

	static final AtomicInteger unauthorized = new AtomicInteger();

	static ConfigurableApplicationContext start(String jwkSetUri) {
		return ItApplications.start(ItResourceServer.class, WebApplicationType.REACTIVE,
				Map.of("it.jwk-set-uri", jwkSetUri));
	}

	static void resetCounters() {
		requests.set(0);
		unauthorized.set(0);
	}

	@Bean
	SecurityWebFilterChain resourceServerSecurity(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt((jwt) -> {
			}))
			.build();
	}

	// No JWK cache: a key the authorization server retired is unknown at once, as after a cache expiry.
	@Bean
	ReactiveJwtDecoder jwtDecoder(Environment environment) {
		WebClient jwks = WebClient.create(environment.getRequiredProperty("it.jwk-set-uri"));
		return NimbusReactiveJwtDecoder
			.withJwkSource((jwt) -> jwks.get()
				.retrieve()
				.bodyToMono(String.class)
				.map(ItResourceServer::parseJwks)
				.flatMapIterable(JWKSet::getKeys))
			.build();
	}

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	WebFilter apiRequestCounter() {
		return (exchange, chain) -> {
			requests.incrementAndGet();
			return chain.filter(exchange).doFinally((signal) -> {
				if (exchange.getResponse().getStatusCode() == HttpStatus.UNAUTHORIZED) {
					unauthorized.incrementAndGet();
				}
			});
		};
	}

	private static JWKSet parseJwks(String body) {
		try {
			return JWKSet.parse(body);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Not a JWK set: " + body, ex);
		}
	}

	// a member class of this configuration, so registered with it
	@RestController
	static class OrganizationEndpoint {

		@GetMapping("/api/v2/organizations/me")
		Mono<Map<String, String>> organization() {
			return Mono.just(Map.of("id", "resource-server-it", "name", ORGANIZATION_NAME));
		}

	}

}
