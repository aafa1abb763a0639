package io.github.genesysoauth.it;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts the servers the integration tests talk to, each a Spring Boot application on a free loopback port. */
final class ItApplications {

	private ItApplications() {
	}

	static ConfigurableApplicationContext start(Class<?> source, WebApplicationType type, Map<String, Object> extra) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(type);
		Map<String, Object> properties = new HashMap<>(extra);
		properties.put("server.port", "0");
		properties.put("server.address", "127.0.0.1");
		// the starter is on this classpath too; the servers are no Genesys clients
		properties.put("genesys.oauth.enabled", "false");
		application.setDefaultProperties(properties);
		return application.run();
	}

	static String baseUrl(ConfigurableApplicationContext server) {
		return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
	}

}
