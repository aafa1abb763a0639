package io.github.genesysoauth.autoconfigure;

import io.github.genesysoauth.org.InvalidGenesysPropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A {@code genesys.oauth.*} or {@code management.health.genesys.*} property has a value the starter cannot work with:
 * Spring Boot's {@link InvalidConfigurationPropertyValueException}, so that the start-up report shows where the value
 * was set (file and line, or the environment variable), with what is wrong and what to set instead.
 */
public final class GenesysPropertyException extends InvalidConfigurationPropertyValueException {

	/** What is wrong. */
	private final String problem;

	/** What to set instead. */
	private final String action;

	/**
	 * @param property the full property name, e.g. {@code genesys.oauth.retry.max-attempts}
	 * @param value its value, or {@code null} where it is not set or is a secret
	 * @param problem what is wrong; never the value of a secret
	 * @param action what to set instead
	 */
	GenesysPropertyException(String property, @Nullable Object value, String problem, String action) {
		super(property, value, problem);
		this.problem = problem;
		this.action = action;
	}

	/** The same problem, found by the checks of an org's settings, with what to do there. */
	static GenesysPropertyException of(InvalidGenesysPropertyException ex, String action) {
		return new GenesysPropertyException(ex.getProperty(), null, ex.getProblem(), action);
	}

	/** What is wrong and what to set, as the start-up report says it without the origin. */
	@Override
	public String getMessage() {
		return this.problem + " " + this.action;
	}

	/** {@return what is wrong} */
	public String getProblem() {
		return this.problem;
	}

	/** {@return what to set instead} */
	public String getAction() {
		return this.action;
	}

}
