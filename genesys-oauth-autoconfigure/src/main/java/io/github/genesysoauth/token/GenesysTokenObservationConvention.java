package io.github.genesysoauth.token;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code genesys.oauth.token.requests} observation; declare a bean of this type to replace
 * {@link DefaultGenesysTokenObservationConvention}.
 */
public interface GenesysTokenObservationConvention extends ObservationConvention<GenesysTokenRequestContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof GenesysTokenRequestContext;
	}

}
