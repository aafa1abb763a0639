package io.github.genesysoauth.org;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.genesysoauth.client.GenesysApiCallPolicy;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * Makes an org's call policy, and with it its token source, on its first use and after it was released: how
 * {@link GenesysOrgs} gets the parts of the orgs it manages, which the auto-configuration makes from its properties
 * and beans.
 */
@FunctionalInterface
public interface GenesysOrgAssembler {

	/**
	 * Makes the parts of one org.
	 * @param name the org's name, its {@code org} tag
	 * @param runTime whether it was registered at run time or provided, rather than configured by properties
	 * @param apiBaseUrl its Platform API base URL
	 * @param registration the org's registration, asked before each token request: new credentials registered
	 * under the same name come through it
	 * @return the policy, and what to close when the org is released
	 */
	Assembled assemble(String name, boolean runTime, URI apiBaseUrl, Supplier<ClientRegistration> registration);

	/**
	 * An org's parts.
	 *
	 * @param policy the call policy its clients carry out, with its token source
	 * @param watch what watches the org (its meters), told after its token source is closed
	 */
	record Assembled(GenesysApiCallPolicy policy, GenesysOrgObserver.Watch watch) {

		/**
		 * Checks that no part is missing.
		 * @param policy the call policy its clients carry out
		 * @param watch what watches the org
		 */
		public Assembled {
			Objects.requireNonNull(policy, "policy");
			Objects.requireNonNull(watch, "watch");
		}

	}

}
