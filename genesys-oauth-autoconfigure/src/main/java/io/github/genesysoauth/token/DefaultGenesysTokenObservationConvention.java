package io.github.genesysoauth.token;

import java.util.Set;

import io.github.genesysoauth.token.GenesysTokenObservationDocumentation.TokenRequestKeys;
import io.micrometer.common.KeyValues;

/**
 * The contract's tags of a token request: {@code org} (the Genesys org's name, {@code default} for the default org),
 * {@code client} (the OAuth client id), {@code outcome} ({@code success} or
 * {@code failure}) and {@code error}: {@code none}, one of {@link #ERROR_VALUES}, or {@code other}. The error tag
 * never takes free text from a response body, so a misbehaving endpoint cannot make new time series.
 */
public class DefaultGenesysTokenObservationConvention implements GenesysTokenObservationConvention {

	/**
	 * The error codes the {@code error} tag shows as they are: RFC 6749's (section 5.2), then this starter's for
	 * failures without an OAuth answer. Any other code is tagged {@code other}.
	 */
	public static final Set<String> ERROR_VALUES = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", TokenRequestFailures.TIMEOUT,
			TokenRequestFailures.CONNECTION_FAILED, TokenRequestFailures.SERVER_ERROR, TokenRequestFailures.RATE_LIMITED,
			TokenRequestFailures.MALFORMED_RESPONSE, TokenRequestFailures.CLOSED, TokenRequestFailures.PROXY_REFUSED,
			TokenRequestFailures.TLS_FAILED);

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
		return KeyValues.of(TokenRequestKeys.ORG.withValue(context.getOrgName()),
				TokenRequestKeys.CLIENT.withValue(context.getClientId()),
				TokenRequestKeys.OUTCOME.withValue((failure != null) ? "failure" : "success"),
				TokenRequestKeys.ERROR.withValue((failure != null) ? errorValue(failure.getErrorCode()) : "none"));
	}

	private static String errorValue(String code) {
		return ERROR_VALUES.contains(code) ? code : "other";
	}

}
