package io.github.genesysoauth.client;

/** Why the Platform API client sent a request again. */
public enum GenesysRetryReason {

	/** 401: the token was rejected, so it was renewed and the request sent once more. */
	UNAUTHORIZED("unauthorized"),

	/** 429: Genesys's rate limit, waited out as {@code Retry-After} said or with backoff. */
	RATE_LIMITED("rate_limited"),

	/** 502, 503 or 504 to an idempotent request (or one opted in), retried with backoff. */
	SERVER_ERROR("server_error");

	private final String value;

	GenesysRetryReason(String value) {
		this.value = value;
	}

	/**
	 * {@return the reason as metrics and logs name it: {@code unauthorized}, {@code rate_limited} or {@code
	 * server_error}}
	 */
	public String value() {
		return this.value;
	}

}
