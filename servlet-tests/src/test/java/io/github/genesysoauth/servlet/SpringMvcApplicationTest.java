package io.github.genesysoauth.servlet;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.RestClientTokenResponseClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.util.ClassUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring MVC application on Tomcat with the starter, as a user writes one: blocking controllers on
 * {@code genesysRestClient} and on an HTTP interface of group {@code genesys}. Its classpath (this module's) has
 * neither WebFlux nor Netty, so its token requests travel over RestClient too.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringMvcApplicationTest {

	private static final String SECRET = "servlet-app-secret-7f3a91";

	@Test
	void hasNeitherWebFluxNorNetty() {
		ClassLoader classLoader = getClass().getClassLoader();
		// each name is proven to exist in its jar by the starter module's StarterClasspathTest
		assertThat(ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient", classLoader))
			.isFalse();
		assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("io.netty.channel.Channel", classLoader)).isFalse();
		assertThat(ClassUtils.isPresent("org.springframework.web.servlet.DispatcherServlet", classLoader)).isTrue();
	}

	@Test
	void servesRequestsThroughGenesysRestClientAndAnHttpInterfaceWithOneTokenAndNoSecretInTheLogs(
			CapturedOutput output) throws Exception {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clientSecret(SECRET).start();
				ConfigurableApplicationContext context = start(genesys)) {
			String base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");

			HttpResponse<String> blocking = get(base + "/organization/blocking");
			HttpResponse<String> viaInterface = get(base + "/organization/interface");

			assertThat(context.getBean("genesysTokenResponseClient", GenesysTokenResponseClient.class).blockingClient()).isInstanceOf(RestClientTokenResponseClient.class);
			assertThat(blocking.statusCode()).isEqualTo(200);
			assertThat(blocking.body()).contains("Stand-in Organization");
			assertThat(viaInterface.statusCode()).isEqualTo(200);
			assertThat(viaInterface.body()).contains("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
			assertThat(genesys.apiRequests()).isEqualTo(2);
			assertThat(output).as("a positive control: TRACE was on").contains("genesysRestClient");
			assertThat(output).doesNotContain(SECRET);
			genesys.issuedTokenValues().forEach((token) -> assertThat(output).doesNotContain(token));
		}
	}

	private static ConfigurableApplicationContext start(GenesysCloudStandIn genesys) {
		SpringApplication application = new SpringApplication(MvcApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		Map<String, Object> properties = new HashMap<>(genesys.properties());
		properties.put("server.port", "0");
		properties.put("logging.level.root", "TRACE");
		application.setDefaultProperties(properties);
		return application.run();
	}

	private static HttpResponse<String> get(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	@HttpExchange("/api/v2")
	interface OrganizationApi {

		@GetExchange("/organizations/me")
		String me();

	}

	@SpringBootApplication
	@ImportHttpServices(group = "genesys", types = OrganizationApi.class)
	@Import(OrganizationController.class)
	static class MvcApplication {

	}

	@RestController
	static class OrganizationController {

		private final RestClient genesys;

		private final OrganizationApi organizations;

		OrganizationController(@Qualifier("genesysRestClient") RestClient genesys, OrganizationApi organizations) {
			this.genesys = genesys;
			this.organizations = organizations;
		}

		@GetMapping("/organization/blocking")
		String blocking() {
			return this.genesys.get().uri("/api/v2/organizations/me").retrieve().body(String.class);
		}

		@GetMapping("/organization/interface")
		String viaInterface() {
			return this.organizations.me();
		}

	}

}
