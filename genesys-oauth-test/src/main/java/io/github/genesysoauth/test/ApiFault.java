package io.github.genesysoauth.test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.function.Function;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;

/**
 * Something the stand-in's Platform API answers instead of the resource, for
 * {@link GenesysCloudStandIn#failApiRequests(int, ApiFault)}; each in Genesys's error shape.
 */
public final class ApiFault {

	private final String description;

	private final Function<Instant, ResponseDefinition> response;

	private ApiFault(String description, Function<Instant, ResponseDefinition> response) {
		this.description = description;
		this.response = response;
	}

	/**
	 * An error status such as 502, 503 or 504, with Genesys's error body.
	 * @param status the HTTP status
	 * @return the fault
	 */
	public static ApiFault status(int status) {
		return new ApiFault("HTTP " + status, (now) -> GenesysResponses.apiError(status, "service.unavailable",
				"The service is currently unavailable (stand-in fault)."));
	}

	/**
	 * 401 {@code bad.credentials}, whatever token the request carried, as Genesys answers a revoked token.
	 * @return the fault
	 */
	public static ApiFault unauthorized() {
		return new ApiFault("401", (now) -> GenesysResponses.apiError(401, "bad.credentials",
				"Invalid login credentials."));
	}

	/**
	 * 429 with {@code Retry-After} in seconds, as Genesys sends it.
	 * @param retryAfter the wait asked for, whole seconds
	 * @return the fault
	 */
	public static ApiFault rateLimited(Duration retryAfter) {
		long seconds = retryAfter.toSeconds();
		return new ApiFault("429 Retry-After " + seconds, (now) -> GenesysResponses.rateLimited(seconds,
				String.valueOf(seconds), "Retry-After"));
	}

	/**
	 * 429 with {@code Retry-After} as an HTTP date ({@code retryAfter} from the stand-in's clock), under a
	 * lower-case header name: both allowed by HTTP, neither seen from Genesys yet.
	 * @param retryAfter how long after the stand-in's now the date lies, whole seconds
	 * @return the fault
	 */
	public static ApiFault rateLimitedUntilDate(Duration retryAfter) {
		long seconds = retryAfter.toSeconds();
		return new ApiFault("429 Retry-After date +" + seconds,
				(now) -> GenesysResponses.rateLimited(seconds, DateTimeFormatter.RFC_1123_DATE_TIME
					.format(now.plusSeconds(seconds).atOffset(ZoneOffset.UTC)), "retry-after"));
	}

	/**
	 * 429 without any {@code Retry-After} header.
	 * @return the fault
	 */
	public static ApiFault rateLimitedWithoutRetryAfter() {
		return new ApiFault("429", (now) -> GenesysResponses.rateLimited(1, null, null));
	}

	ResponseDefinition responseDefinition(Instant now) {
		return this.response.apply(Objects.requireNonNull(now));
	}

	@Override
	public String toString() {
		return "ApiFault[" + this.description + "]";
	}

}
