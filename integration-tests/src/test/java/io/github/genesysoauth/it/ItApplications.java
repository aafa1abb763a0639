package io.github.genesysoauth.it;

import java.util.HashMap;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.context.aot.AotApplicationContextInitializer;

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
		if (AotDetector.useGeneratedArtifacts()) {
			// In a JVM started with -Dspring.aot.enabled=true, where the application under test runs from its
			// AOT-generated bean definitions, SpringApplication expects generated ones for the servers too. They
			// are the peers, not what is tested: they load their configuration classes as usual.
			application.addInitializers(
					(AotApplicationContextInitializer<ConfigurableApplicationContext>) (context) -> new AnnotatedBeanDefinitionReader(
							(BeanDefinitionRegistry) context, context.getEnvironment())
						.register(source));
		}
		return application.run();
	}

	static String baseUrl(ConfigurableApplicationContext server) {
		return "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port");
	}

}
