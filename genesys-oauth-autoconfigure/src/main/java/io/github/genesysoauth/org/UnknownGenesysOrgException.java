package io.github.genesysoauth.org;

/**
 * No Genesys org of that name: never configured or registered, not found by the {@link GenesysOrgSettingsProvider},
 * or removed. Its message names the org and what to do.
 */
public class UnknownGenesysOrgException extends IllegalStateException {

	/** Name of the org asked for. */
	private final String orgName;

	/**
	 * Creates the exception.
	 * @param orgName the org asked for
	 * @param message what happened and what to do
	 */
	public UnknownGenesysOrgException(String orgName, String message) {
		super(message);
		this.orgName = orgName;
	}

	/** {@return the name of the org asked for} */
	public String getOrgName() {
		return this.orgName;
	}

}
