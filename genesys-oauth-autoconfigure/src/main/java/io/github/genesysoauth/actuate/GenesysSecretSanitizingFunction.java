package io.github.genesysoauth.actuate;

import java.util.Objects;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.Environment;

/**
 * Masks the Genesys client secret in {@code /actuator/env} and {@code /actuator/configprops}, even with
 * {@code show-values=always}: by its name in every spelling ({@code genesys.oauth.client-secret},
 * {@code GENESYS_OAUTH_CLIENT_SECRET}, {@code clientSecret} under {@code genesys.oauth}), and by its value under any
 * other name, such as the environment variable a placeholder reads it from.
 */
public final class GenesysSecretSanitizingFunction implements SanitizingFunction {

	private static final String SECRET_PROPERTY = "genesys.oauth.client-secret";

	private static final String NORMALIZED_NAME = "genesysoauthclientsecret";

	private final Environment environment;

	/**
	 * Creates the function.
	 * @param environment where the secret's current value is read
	 */
	public GenesysSecretSanitizingFunction(Environment environment) {
		this.environment = Objects.requireNonNull(environment, "environment");
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		if (isSecretName(data.getKey()) || isSecretValue(data.getValue())) {
			return data.withSanitizedValue();
		}
		return data;
	}

	private static boolean isSecretName(String key) {
		StringBuilder normalized = new StringBuilder(key.length());
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c != '.' && c != '-' && c != '_' && c != '[' && c != ']') {
				normalized.append(Character.toLowerCase(c));
			}
		}
		return normalized.toString().endsWith(NORMALIZED_NAME);
	}

	private boolean isSecretValue(Object value) {
		if (value == null) {
			return false;
		}
		String secret;
		try {
			secret = this.environment.getProperty(SECRET_PROPERTY);
		}
		catch (IllegalArgumentException ex) {
			// an unresolvable placeholder: there is no value to compare with
			return false;
		}
		return secret != null && !secret.isEmpty() && secret.equals(value.toString());
	}

}
