package io.github.genesysoauth.autoconfigure;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Masks every Genesys org's client secret, and every proxy password of the starter, in {@code /actuator/env} and
 * {@code /actuator/configprops}, even with
 * {@code show-values=always}: by its name in every spelling ({@code genesys.oauth.client-secret},
 * {@code genesys.oauth.orgs.acme.client-secret}, {@code GENESYS_OAUTH_ORGS_ACME_CLIENT_SECRET}), and by its value
 * under any other name, such as {@code clientSecret} in the configuration properties report or the environment
 * variable a placeholder reads it from.
 */
public final class GenesysSecretSanitizingFunction implements SanitizingFunction {

	private static final String SECRET_PROPERTY = "genesys.oauth.client-secret";

	private static final String ORGS = "genesys.oauth.orgs";

	private static final String NORMALIZED_PREFIX = "genesysoauth";

	private static final String NORMALIZED_SUFFIX = "clientsecret";

	private static final String PROXY_PASSWORD = "genesys.oauth.proxy.password";

	private static final String LOGIN_PROXY_PASSWORD = "genesys.oauth.login.proxy.password";

	private static final String NORMALIZED_PROXY_PASSWORD = "proxypassword";

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
		String name = normalized.toString();
		return (name.startsWith(NORMALIZED_PREFIX) && name.endsWith(NORMALIZED_SUFFIX))
				|| (name.startsWith(NORMALIZED_PREFIX) && name.endsWith(NORMALIZED_PROXY_PASSWORD));
	}

	private boolean isSecretValue(Object value) {
		if (value == null) {
			return false;
		}
		String candidate = value.toString();
		if (candidate.isEmpty()) {
			return false;
		}
		if (candidate.equals(secret(SECRET_PROPERTY)) || candidate.equals(secret(PROXY_PASSWORD))
				|| candidate.equals(secret(LOGIN_PROXY_PASSWORD))) {
			return true;
		}
		Set<String> orgs;
		try {
			orgs = Binder.get(this.environment)
				.bind(ORGS, Bindable.mapOf(String.class, Object.class))
				.map(Map::keySet)
				.orElse(Set.of());
		}
		catch (RuntimeException ex) {
			// the orgs do not bind; start-up reports them
			return false;
		}
		for (String org : orgs) {
			if (candidate.equals(secret(ORGS + "." + org + ".client-secret"))
					|| candidate.equals(secret(ORGS + "." + org + ".proxy.password"))) {
				return true;
			}
		}
		return false;
	}

	private @Nullable String secret(String property) {
		try {
			return this.environment.getProperty(property);
		}
		catch (IllegalArgumentException ex) {
			// an unresolvable placeholder: there is no value to compare with
			return null;
		}
	}

}
