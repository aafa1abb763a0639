package io.github.genesysoauth.benchmarks;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * One start-up, in a JVM of its own: the same application with the starter's auto-configurations or without them;
 * with {@code used}, the application also has a bean that injects a {@code WebClient} at start-up
 * ({@code genesysWebClient}, or one built from Boot's builder without the starter). Prints the milliseconds
 * {@code SpringApplication.run} took.
 */
public final class StartupMain {

	private StartupMain() {
	}

	public static void main(String[] args) {
		boolean withStarter = args.length > 0 && args[0].equals("with");
		boolean used = args.length > 1 && args[1].equals("used");
		SpringApplication application = new SpringApplication(StartupApplication.class);
		if (used) {
			application.addPrimarySources(List.of(withStarter ? UsesGenesysWebClient.class : UsesPlainWebClient.class));
		}
		Map<String, Object> properties = quiet(application, "startup-benchmark", "http://127.0.0.1:9");
		if (!withStarter) {
			// every auto-configuration of the starter, as its AutoConfiguration.imports lists them
			properties.put("spring.autoconfigure.exclude", String.join(",", ImportCandidates
				.load(AutoConfiguration.class, StartupMain.class.getClassLoader())
				.getCandidates()
				.stream()
				.filter((candidate) -> candidate.startsWith("io.github.genesysoauth."))
				.toList()));
		}
		application.setDefaultProperties(properties);
		long start = System.nanoTime();
		try (ConfigurableApplicationContext context = application.run()) {
			long millis = (System.nanoTime() - start) / 1_000_000;
			if (withStarter != context.containsBeanDefinition("genesysWebClient")) {
				throw new IllegalStateException("genesysWebClient should " + (withStarter ? "" : "not ") + "be there");
			}
			System.out.println("STARTUP_MILLIS " + millis);
		}
	}

	/**
	 * Makes an application of the benchmarks quiet (no web server, banner or start-up log, warnings only) and gives it
	 * a default org with that client id at that base URL.
	 * @return its default properties, to add to before {@link SpringApplication#setDefaultProperties(Map)}
	 */
	static Map<String, Object> quiet(SpringApplication application, String clientId, String baseUrl) {
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setLogStartupInfo(false);
		Map<String, Object> properties = new HashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("genesys.oauth.client-id", clientId);
		properties.put("genesys.oauth.client-secret", clientId + "-secret");
		properties.put("genesys.oauth.token-uri", baseUrl + "/oauth/token");
		properties.put("genesys.oauth.api-base-url", baseUrl);
		return properties;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class StartupApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class UsesGenesysWebClient {

		@Bean
		Object genesysUser(@Qualifier("genesysWebClient") WebClient genesys) {
			return genesys;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UsesPlainWebClient {

		@Bean
		Object plainUser(WebClient.Builder builder) {
			return builder.build();
		}

	}

}
