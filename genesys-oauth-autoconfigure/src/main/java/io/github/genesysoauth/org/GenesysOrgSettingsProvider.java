package io.github.genesysoauth.org;

import java.util.Optional;

/**
 * Looks up a Genesys org the application did not register, on its first use: from a database, a vault, a tenant
 * service. Declare one as a bean and {@link GenesysOrgs#org(String)} asks it for each name it does not know; it is
 * asked once per name until that org is removed (an org released for being idle keeps its settings), and callers
 * asking for the same org meanwhile wait for that one answer, at most {@code genesys.oauth.token-request-timeout};
 * a lookup that takes longer, fails or finds nothing is not remembered. It runs on the first caller's thread.
 * Rotated credentials reach an org with {@link GenesysOrgs#register} (same client: at its next token request) or
 * {@link GenesysOrgs#remove} (asked again on next use).
 */
@FunctionalInterface
public interface GenesysOrgSettingsProvider {

	/**
	 * The settings of an org, or empty when there is no org of that name.
	 * @param name the org's name, lower-case letters, digits and {@code -}
	 * @return its settings, or empty
	 */
	Optional<GenesysOrgSettings> find(String name);

}
