package io.github.genesysoauth.token;

import io.github.genesysoauth.token.GenesysTokenObservationDocumentation.TokenRequestKeys;
import io.micrometer.common.KeyValues;

/**
 * The contract's tags of a token request: {@code client} (the OAuth client id), {@code outcome} ({@code success} or
 * {@code failure}) and {@code error} ({@code none}, or the error code, e.g. {@code invalid_client},
 * {@code timeout}, {@code server_error}, {@code rate_limited}, {@code malformed_response}).
 */
public class DefaultGenesysTokenObservationConvention implements GenesysTokenObservationConvention {

	/** The shared instance. */
	public static final DefaultGenesysTokenObservationConvention INSTANCE = new DefaultGenesysTokenObservationConvention();

	@Override
	public String getName() {
		return GenesysTokenObservationDocumentation.NAME;
	}

	@Override
	public String getContextualName(GenesysTokenRequestContext context) {
		return "genesys token request";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(GenesysTokenRequestContext context) {
		GenesysAuthenticationException failure = context.getFailure();
		return KeyValues.of(TokenRequestKeys.CLIENT.withValue(context.getClientId()),
				TokenRequestKeys.OUTCOME.withValue((failure != null) ? "failure" : "success"),
				TokenRequestKeys.ERROR.withValue((failure != null) ? failure.getErrorCode() : "none"));
	}

}
