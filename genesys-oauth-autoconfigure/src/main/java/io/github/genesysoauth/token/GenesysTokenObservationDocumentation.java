package io.github.genesysoauth.token;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observations {@link GenesysAccessTokens} makes. */
public enum GenesysTokenObservationDocumentation implements ObservationDocumentation {

	/**
	 * One token request to the Genesys Cloud login service: each attempt, retries included. As a timer:
	 * {@code genesys_oauth_token_requests_seconds_*} in Prometheus.
	 */
	TOKEN_REQUESTS {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultGenesysTokenObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return TokenRequestKeys.values();
		}

	};

	/** The observation's name. */
	public static final String NAME = "genesys.oauth.token.requests";

	/** Low-cardinality tags of a token request. */
	public enum TokenRequestKeys implements KeyName {

		/** The Genesys org: {@code default} or a named org's name. */
		ORG {
			@Override
			public String asString() {
				return "org";
			}
		},

		/** The OAuth client id. */
		CLIENT {
			@Override
			public String asString() {
				return "client";
			}
		},

		/** {@code success} or {@code failure}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** {@code none}, or the error code of the failure. */
		ERROR {
			@Override
			public String asString() {
				return "error";
			}
		}

	}

}
