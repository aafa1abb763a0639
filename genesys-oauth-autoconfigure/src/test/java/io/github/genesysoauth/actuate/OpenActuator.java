package io.github.genesysoauth.actuate;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A running WebFlux application whose actuator shows everything (every endpoint, health details, the values of
 * {@code env} and {@code configprops}), as the tests that check what it never shows need.
 */
public final class OpenActuator {

	private OpenActuator() {
	}

	/**
	 * Starts the application on a free port.
	 * @param application its configuration class, which opens the actuator to the test if Spring Security is present
	 * @param properties its own properties
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(Class<?> application, Map<String, ?> properties) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.REACTIVE);
		Map<String, Object> defaults = new HashMap<>(properties);
		defaults.put("server.port", "0");
		defaults.put("management.endpoints.web.exposure.include", "*");
		defaults.put("management.endpoint.health.show-details", "always");
		defaults.put("management.endpoint.env.show-values", "always");
		defaults.put("management.endpoint.configprops.show-values", "always");
		app.setDefaultProperties(defaults);
		return app.run();
	}

	/**
	 * A client of the running application's actuator.
	 * @param context the application
	 * @param timeout the longest wait for an answer
	 * @return the client
	 */
	public static WebTestClient client(ConfigurableApplicationContext context, Duration timeout) {
		return WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
			.responseTimeout(timeout)
			.build();
	}

}
