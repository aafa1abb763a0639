package io.github.genesysoauth.token;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** Turns whatever a token request failed with into a {@link GenesysAuthenticationException} that says what to do. */
final class TokenRequestFailures {

	static final String TIMEOUT = "timeout";

	static final String SERVER_ERROR = "server_error";

	static final String RATE_LIMITED = "rate_limited";

	static final String MALFORMED_RESPONSE = "malformed_response";

	static final String CONNECTION_FAILED = "connection_failed";

	static final String CLOSED = "closed";

	/** The HTTP proxy refused the credentials: sending them again would not help, and may lock the account. */
	static final String PROXY_REFUSED = "proxy_refused";

	/** The TLS handshake failed: an untrusted certificate, or a client certificate the server asks for. */
	static final String TLS_FAILED = "tls_failed";

	/** Failures that may heal by themselves: retried with backoff; all others wait for a change. */
	private static final Set<String> TRANSIENT = Set.of(TIMEOUT, SERVER_ERROR, RATE_LIMITED, CONNECTION_FAILED);

	private static final int MAX_DESCRIPTION = 200;

	private static final String WEB_CLIENT_REQUEST_EXCEPTION = "org.springframework.web.reactive.function.client.WebClientRequestException";

	private static final String REJECTED_DESCRIPTION = "the Platform API answered 401 to a token just issued: the "
			+ "OAuth client may be disabled or deleted, or the API host is of another region (a missing permission "
			+ "is 403, not 401)";

	private final URI tokenUri;

	private final String clientId;

	private final Duration timeout;

	private final String orgName;

	// where the org's settings are named: properties, or code (GenesysOrgs.register, a provider)
	private final GenesysSettingNames names;

	TokenRequestFailures(URI tokenUri, String clientId, Duration timeout, String orgName,
			GenesysSettingNames names) {
		this.tokenUri = tokenUri;
		this.clientId = clientId;
		this.timeout = timeout;
		this.orgName = orgName;
		this.names = names;
	}

	GenesysAuthenticationException translate(Throwable failure) {
		if (failure instanceof GenesysAuthenticationException genesys) {
			return genesys;
		}
		TokenEndpointResponseError answered = find(failure, TokenEndpointResponseError.class);
		if (answered != null) {
			return fromAnswer(answered);
		}
		if (find(failure, TimeoutException.class) != null) {
			return create(TIMEOUT, "no answer within " + this.timeout.toMillis() + " ms", null,
					"Check that the token endpoint is reachable from here, or raise "
							+ this.names.shared("token-request-timeout") + ".",
					failure);
		}
		if (isProxyRefusal(failure)) {
			return proxyRefused(null, failure);
		}
		SSLException tls = find(failure, SSLException.class);
		if (tls != null) {
			return create(TLS_FAILED, "TLS with the token endpoint failed: " + describe(tls), null, tlsAction(tls),
					failure);
		}
		if (find(failure, IOException.class) != null || findByName(failure, WEB_CLIENT_REQUEST_EXCEPTION) != null) {
			return create(CONNECTION_FAILED, describe(NestedExceptionUtils.getMostSpecificCause(failure)), null,
					"Check that the token endpoint is reachable from here (DNS, proxy, firewall) and that "
							+ this.names.org("region") + ", " + this.names.org("domain") + " or "
							+ this.names.org("token-uri") + " point at the right Genesys Cloud region.",
					failure);
		}
		OAuth2AuthorizationException oauth = find(failure, OAuth2AuthorizationException.class);
		if (oauth != null) {
			return create(oauth.getError().getErrorCode(), oauth.getError().getDescription(), null, null, failure);
		}
		return create("unexpected_error", describe(failure), null, null, failure);
	}

	private GenesysAuthenticationException fromAnswer(TokenEndpointResponseError answered) {
		int status = answered.status();
		OAuth2Error error = answered.getError();
		String description = error.getDescription();
		if (status == 407) {
			return proxyRefused(status, answered);
		}
		if (status == 429 || isThrottle(error)) {
			return create(RATE_LIMITED, "the login service is rate limiting this client", status,
					"Request tokens less often: one per lifetime is enough.", answered);
		}
		if (status >= 500) {
			return create(SERVER_ERROR, "the login service failed", status,
					"This is on Genesys's side or on a proxy in between; it usually heals.", answered);
		}
		if (TokenResponses.INVALID_TOKEN_RESPONSE.equals(error.getErrorCode())) {
			return create(MALFORMED_RESPONSE, description, status,
					"The answer is not a Genesys token response: check that " + this.names.org("token-uri")
							+ " points at the login service (https://login.<domain>/oauth/token) and not at a proxy "
							+ "page.",
					answered);
		}
		if ("invalid_client".equals(error.getErrorCode()) || status == 400 || status == 401) {
			return create(error.getErrorCode(), description, status,
					"Check " + this.names.org("client-id") + " and " + this.names.org("client-secret")
							+ ", that the OAuth client uses the Client Credentials grant, and that it belongs to the region "
							+ "configured.",
					answered);
		}
		return create(error.getErrorCode(), description, status, null, answered);
	}

	// A proxy that wants other credentials answers 407: to a plain request as an answer, to a CONNECT tunnel as the
	// failure of the connection (Netty's HttpProxyConnectException "..., status: 407 ..."); JDK's HttpClient, which
	// answers a 407 with its Authenticator's credentials again and again, gives up with "too many authentication
	// attempts"
	private static boolean isProxyRefusal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if ((cause.getClass().getName().contains("ProxyConnectException") && message.contains("status: 407"))
					|| (cause instanceof IOException && message.startsWith("too many authentication attempts"))) {
				return true;
			}
		}
		return false;
	}

	// what a handshake failure most likely means: a certificate this JVM does not trust (a proxy that re-signs TLS with
	// a company CA), or a server that asks for a client certificate
	private String tlsAction(SSLException tls) {
		String message = String.valueOf(NestedExceptionUtils.getMostSpecificCause(tls).getMessage())
			.toLowerCase(Locale.ROOT);
		String bundle = this.names.shared("ssl.bundle");
		if (message.contains("pkix") || message.contains("certification path") || message.contains("trust")) {
			return "The token endpoint's certificate is not trusted here: where a proxy re-signs TLS with your "
					+ "company's CA, put that CA in an SSL bundle (spring.ssl.bundle.*) and set " + bundle
					+ " to its name.";
		}
		if (message.contains("bad_certificate") || message.contains("certificate_required")
				|| message.contains("handshake_failure")) {
			return "The server refused the handshake, as it does when it asks for a client certificate: add a keystore "
					+ "with one to the SSL bundle that " + bundle + " names.";
		}
		return "Check the TLS setup toward the token endpoint: " + bundle + " and the SSL bundle it names.";
	}

	private GenesysAuthenticationException proxyRefused(@Nullable Integer status, Throwable cause) {
		return create(PROXY_REFUSED, "the HTTP proxy refused the request (407 Proxy Authentication Required)",
				status, "Check " + this.names.shared("proxy.username") + " and " + this.names.shared("proxy.password")
						+ ": the proxy wants other credentials.",
				cause);
	}

	// Genesys throttles its token endpoint with 400 invalid_request "rate limit exceeded", not 429: a fault that
	// heals with time, never a reason to doubt the credentials.
	private static boolean isThrottle(OAuth2Error error) {
		return "invalid_request".equals(error.getErrorCode()) && error.getDescription() != null
				&& error.getDescription().toLowerCase(Locale.ROOT).contains("rate limit");
	}

	/** A token just issued that the Platform API answered 401 to. */
	GenesysAuthenticationException rejected() {
		return create("The Platform API rejects the Genesys Cloud access tokens issued to OAuth client '",
				GenesysAuthenticationException.TOKEN_REJECTED, REJECTED_DESCRIPTION, 401,
				"Check that the OAuth client is active in Genesys Cloud (Admin > Integrations > OAuth), and that "
						+ this.names.org("api-base-url") + " and " + this.names.org("token-uri")
						+ " belong to the same region. Token requests pause until the API accepts a token again.",
				null);
	}

	/** The token source was closed: the application is shutting down. */
	GenesysAuthenticationException closed() {
		return create(CLOSED, "the token source is closed", null,
				GenesysAccessTokens.DEFAULT_ORG.equals(this.orgName)
						? "The application context is shutting down; no token request is made any more."
						: "The org was removed, released when idle, registered again with another OAuth client, or "
								+ "the application is shutting down; ask GenesysOrgs for the org again.",
				null);
	}

	static boolean isTransient(Throwable failure) {
		return failure instanceof GenesysAuthenticationException genesys && TRANSIENT.contains(genesys.getErrorCode());
	}

	/**
	 * The failure again, for a caller that arrives while token requests pause after it: a new instance per caller,
	 * as Reactor adds suppressed exceptions to what it throws, and saying when the next request will be made.
	 */
	static GenesysAuthenticationException remembered(GenesysAuthenticationException failure, Instant retryAt,
			int failures) {
		return copy(failure, failure.getMessage() + " Token requests pause until " + retryAt + " after " + failures
				+ ((failures == 1) ? " failure." : " failures in a row."));
	}

	/** The failure again, as a new instance with the given message. */
	static GenesysAuthenticationException copy(GenesysAuthenticationException failure, String message) {
		return new GenesysAuthenticationException(failure.getError(), failure.getHttpStatus(), failure.getTokenUri(),
				failure.getClientId(), message, failure.getCause());
	}

	private GenesysAuthenticationException create(String code, @Nullable String description,
			@Nullable Integer status, @Nullable String action, @Nullable Throwable cause) {
		return create("Could not obtain a Genesys Cloud access token for OAuth client '", code, description, status,
				action, cause);
	}

	private GenesysAuthenticationException create(String lead, String code, @Nullable String description,
			@Nullable Integer status, @Nullable String action, @Nullable Throwable cause) {
		String shortDescription = shorten(description);
		StringBuilder message = new StringBuilder();
		if (!GenesysAccessTokens.DEFAULT_ORG.equals(this.orgName)) {
			message.append("Genesys org '").append(this.orgName).append("': ");
		}
		message.append(lead)
			.append(this.clientId)
			.append("' from ")
			.append(this.tokenUri)
			.append(": ")
			.append(code);
		if (shortDescription != null) {
			message.append(" (").append(shortDescription).append(')');
		}
		if (status != null) {
			message.append(", HTTP ").append(status);
		}
		message.append('.');
		if (action != null) {
			message.append(' ').append(action);
		}
		return new GenesysAuthenticationException(new OAuth2Error(code, shortDescription, null), status,
				this.tokenUri, this.clientId, message.toString(), cause);
	}

	private static @Nullable String shorten(@Nullable String description) {
		if (description == null || description.isBlank()) {
			return null;
		}
		String oneLine = description.replaceAll("\\s+", " ").strip();
		return (oneLine.length() <= MAX_DESCRIPTION) ? oneLine : oneLine.substring(0, MAX_DESCRIPTION) + "...";
	}

	private static String describe(Throwable failure) {
		return (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
	}

	// by name: WebClient is not on every application's classpath
	private static @Nullable Throwable findByName(Throwable failure, String type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (candidate.getClass().getName().equals(type)) {
				return candidate;
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

	private static <T extends Throwable> @Nullable T find(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
			if (candidate.getCause() == candidate) {
				break;
			}
		}
		return null;
	}

}
