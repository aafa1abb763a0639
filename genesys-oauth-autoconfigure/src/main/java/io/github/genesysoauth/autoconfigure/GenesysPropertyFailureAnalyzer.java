package io.github.genesysoauth.autoconfigure;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Reports a wrong {@code genesys.oauth.*} property: what is wrong, where it was set (the origin Spring Boot tracks,
 * such as {@code class path resource [application.yml] - 4:21} or an environment variable) and its value unless it
 * is a secret, and what to set. Ordered ahead of Spring Boot's own report of an
 * {@code InvalidConfigurationPropertyValueException}, whose action says only to review the value.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class GenesysPropertyFailureAnalyzer extends AbstractFailureAnalyzer<GenesysPropertyException> {

	private final @Nullable Environment environment;

	GenesysPropertyFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, GenesysPropertyException cause) {
		StringBuilder description = new StringBuilder("The Genesys Cloud client could not be configured: ")
			.append(cause.getProblem());
		ConfigurationProperty property = find(cause.getName());
		if (property != null) {
			String nl = System.lineSeparator();
			description.append(nl).append(nl).append("    Property: ").append(cause.getName());
			if (!isSecret(cause.getName())) {
				description.append(nl).append("    Value: \"").append(withoutUserInfo(property.getValue())).append('"');
			}
			if (property.getOrigin() != null) {
				description.append(nl).append("    Origin: ").append(property.getOrigin());
			}
		}
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

	// as Boot's binder finds it: any relaxed form, from any property source (a file, an environment variable)
	private @Nullable ConfigurationProperty find(String name) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(name)) {
			return null;
		}
		ConfigurationPropertyName key = ConfigurationPropertyName.of(name);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(key);
			if (property != null) {
				return property;
			}
		}
		return null;
	}

	// a URL's user info (user:password@) never shows, whatever the property
	private static String withoutUserInfo(@Nullable Object value) {
		return GenesysPropertiesResolver.withoutUserInfo(String.valueOf(value));
	}

	private static boolean isSecret(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.contains("secret") || lower.contains("password");
	}

}
