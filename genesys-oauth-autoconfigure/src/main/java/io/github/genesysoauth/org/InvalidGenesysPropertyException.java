package io.github.genesysoauth.org;

/**
 * A {@code genesys.oauth.*} property, or the same value of a {@link GenesysOrgSettings}, is missing or wrong: start-up
 * fails with a report of what to set, and a run-time registration fails with the same message.
 */
public class InvalidGenesysPropertyException extends RuntimeException {

	/** Full name of the property at fault. */
	private final String property;

	/** What is wrong. */
	private final String problem;

	/** What to do about it. */
	private final String action;

	/**
	 * Creates an exception for one property.
	 * @param property the full property name, e.g. {@code genesys.oauth.client-id}
	 * @param problem what is wrong with it; never the value of a secret
	 * @param action what to set instead
	 */
	public InvalidGenesysPropertyException(String property, String problem, String action) {
		super(problem + " " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	/** {@return full name of the property at fault} */
	public String getProperty() {
		return this.property;
	}

	/** {@return what is wrong} */
	public String getProblem() {
		return this.problem;
	}

	/** {@return what to do about it} */
	public String getAction() {
		return this.action;
	}

}
