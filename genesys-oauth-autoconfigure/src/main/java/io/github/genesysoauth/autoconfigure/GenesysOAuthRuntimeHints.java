package io.github.genesysoauth.autoconfigure;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What the starter looks up at run time that Spring AOT cannot see in its bean definitions: the classes it probes by
 * name to pick a transport. The binding hints of its properties types are registered too, though Spring Boot
 * registers them for {@code @ConfigurationProperties} beans already (harmless where they repeat Boot's). Models of
 * Genesys's SDK are the application's to register (see {@code docs/aot-native.md}).
 */
final class GenesysOAuthRuntimeHints implements RuntimeHintsRegistrar {

	// probed with ClassUtils.isPresent: each decides which HTTP client a token request or an API call takes
	static final String[] PROBED_TYPES = { "org.springframework.web.reactive.function.client.WebClient",
			"org.springframework.boot.http.client.HttpClientSettings",
			"org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder" };

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		for (String type : PROBED_TYPES) {
			hints.reflection().registerTypeIfPresent(classLoader, type, (hint) -> {
			});
		}
		BindableRuntimeHintsRegistrar.forTypes(GenesysOAuthProperties.class, GenesysOrgProperties.class)
			.registerHints(hints, classLoader);
	}

}
