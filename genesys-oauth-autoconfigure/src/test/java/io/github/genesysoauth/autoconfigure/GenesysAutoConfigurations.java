package io.github.genesysoauth.autoconfigure;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.AutoConfigurations;

/**
 * The starter's auto-configurations a test context needs for the Platform API clients and the orgs, with what else
 * the test asks for: what an application with the starter gets, less metrics, health and the SDK, which tests add
 * where they test them.
 */
public final class GenesysAutoConfigurations {

	private static final Class<?>[] CLIENTS = { GenesysOAuthAutoConfiguration.class,
			GenesysOAuthRestClientAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class,
			GenesysOAuthOrgsAutoConfiguration.class };

	private GenesysAutoConfigurations() {
	}

	/**
	 * The starter's client auto-configurations and these.
	 * @param more Boot's or the starter's other auto-configurations
	 * @return all of them, ordered as in an application
	 */
	public static AutoConfigurations clients(Class<?>... more) {
		return AutoConfigurations
			.of(Stream.concat(Arrays.stream(CLIENTS), Arrays.stream(more)).toArray(Class<?>[]::new));
	}

}
