package io.github.genesysoauth.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import io.github.genesysoauth.client.ApiCall.Decision;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimit.Pacing;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.support.HttpRequestWrapper;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.StreamUtils;

/**
 * The {@code RestClient} transport of {@link GenesysApiCallPolicy}: sends each request for the Platform API's origin
 * with {@code Authorization: Bearer <token>} and carries out what the policy decides about each answer. Requests for
 * other hosts are sent as they are.
 *
 * <p>Everything happens on the calling thread, which suits virtual threads: it waits for a token from the single
 * flight, for its slot of the token's rate limit and for the time {@code Retry-After} asks, each on a timer of the
 * policy's scheduler (never a thread of a pool of its own). Each wait ends when the token source closes (the call then fails with
 * error {@code closed}) and when the thread is interrupted (the call then fails at once with an
 * {@link InterruptedIOException}, which {@code RestClient} reports as a {@code ResourceAccessException}, and the
 * thread keeps its interrupt status). {@code RestClient} buffers a request's body for its interceptors, so every
 * request can be sent again.
 *
 * <p>The loop is written here rather than with Spring's {@code RetryTemplate}: the wait before a retry comes from
 * each answer's {@code Retry-After}, which a {@code BackOff} cannot see.
 */
public final class GenesysApiRequestInterceptor implements ClientHttpRequestInterceptor {

	private final GenesysApiCallPolicy policy;

	private final GenesysAccessTokens tokens;

	private GenesysApiRequestInterceptor(GenesysApiCallPolicy policy) {
		this.policy = policy;
		this.tokens = policy.tokens();
	}

	/**
	 * An interceptor that carries out the policy.
	 * @param policy the policy
	 * @return the interceptor
	 */
	public static GenesysApiRequestInterceptor of(GenesysApiCallPolicy policy) {
		return new GenesysApiRequestInterceptor(Objects.requireNonNull(policy, "policy"));
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		boolean onApiOrigin = this.policy.isApiOrigin(request.getURI());
		ClientHttpResponse response = exchange(request, body, execution, onApiOrigin);
		// the transport follows no redirect: each hop is sent here, with the token only while every hop so far has
		// been on the API's origin
		for (int hops = 0;; hops++) {
			Redirect redirect = this.policy.redirect(request.getMethod(), request.getURI(),
					response.getStatusCode().value(), response.getHeaders(), hops);
			if (redirect == null) {
				return response;
			}
			response.close();
			request = new RedirectedRequest(request, redirect);
			body = redirect.keepBody() ? body : new byte[0];
			onApiOrigin = onApiOrigin && this.policy.isApiOrigin(redirect.url());
			response = exchange(request, body, execution, onApiOrigin);
		}
	}

	private ClientHttpResponse exchange(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			boolean withToken) throws IOException {
		if (!withToken) {
			return execution.execute(request, body);
		}
		OAuth2AccessToken token = this.tokens.freshToken();
		if (token == null) {
			token = awaitToken(request);
		}
		ClientHttpResponse response = send(request, body, execution, token, 0);
		// the hot path: no state for retries unless the answer calls for one
		if (this.policy.isFinal(response.getStatusCode().value(), response.getHeaders(), token)) {
			return response;
		}
		ApiCall call = this.policy.call(request.getMethod(), request.getURI(), request.getAttributes(), () -> true);
		call.sending();
		for (;;) {
			Decision decision = call.decide(response.getStatusCode().value(), response.getHeaders(), token);
			switch (decision.action()) {
				case RESPOND -> {
					return response;
				}
				case FAIL -> throw rateLimitException(call, decision, response);
				case RETRY -> {
					response.close();
					pause(decision.delay(), "the retry of", request);
					token = awaitToken(request);
					response = send(request, body, execution, token, call.attempts());
					call.sending();
				}
			}
		}
	}

	/**
	 * The next hop of a redirect: its own URL, method and copy of the headers, without {@code Authorization} and
	 * {@code Cookie} when it leaves the origin of the hop before (the token it may have carried is set again only for the API's origin).
	 */
	private static final class RedirectedRequest extends HttpRequestWrapper {

		private final Redirect redirect;

		private final HttpHeaders headers = new HttpHeaders();

		RedirectedRequest(HttpRequest request, Redirect redirect) {
			super(request);
			this.redirect = redirect;
			this.headers.putAll(request.getHeaders());
			this.headers.remove(HttpHeaders.AUTHORIZATION);
			if (redirect.sameOrigin()) {
				List<String> authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
				if (authorization != null) {
					this.headers.put(HttpHeaders.AUTHORIZATION, authorization);
				}
			}
			else {
				this.headers.remove(HttpHeaders.COOKIE);
			}
			if (!redirect.keepBody()) {
				this.headers.remove(HttpHeaders.CONTENT_TYPE);
				this.headers.remove(HttpHeaders.CONTENT_LENGTH);
			}
		}

		@Override
		public HttpMethod getMethod() {
			return this.redirect.method();
		}

		@Override
		public URI getURI() {
			return this.redirect.url();
		}

		@Override
		public HttpHeaders getHeaders() {
			return this.headers;
		}

	}

	private ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution,
			OAuth2AccessToken token, int attempts) throws IOException {
		HttpMethod method = request.getMethod();
		URI url = request.getURI();
		for (Pacing slot = this.policy.pace(method, url, token, attempts); slot.waits(); slot = this.policy
			.confirm(slot, method, url, attempts)) {
			try {
				pause(slot.delay(), "a slot of the rate limit for", request);
			}
			catch (InterruptedIOException ex) {
				this.policy.release(slot);
				throw ex;
			}
		}
		if (this.tokens.isClosed()) {
			// a token obtained before close() is not sent after it: asking again fails with error closed
			awaitToken(request);
		}
		request.getHeaders().setBearerAuth(token.getTokenValue());
		return execution.execute(request, body);
	}

	private static GenesysRateLimitException rateLimitException(ApiCall call, Decision decision,
			ClientHttpResponse response) throws IOException {
		try (response) {
			return call.rateLimitException(decision, response.getStatusText(), response.getHeaders(),
					StreamUtils.copyToByteArray(response.getBody()));
		}
	}

	/** A token from the single flight; its wait is bounded by the token source's own deadline. */
	private OAuth2AccessToken awaitToken(HttpRequest request) throws IOException {
		refuseToBlockAnEventLoop(request);
		CompletableFuture<OAuth2AccessToken> token = this.tokens.accessToken().toFuture();
		try {
			return token.get();
		}
		catch (InterruptedException ex) {
			token.cancel(true);
			throw interrupted("a Genesys Cloud access token for " + request.getMethod() + " " + request.getURI(), ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException("Could not obtain a Genesys Cloud access token", ex.getCause());
		}
	}

	/**
	 * Waits before a retry or for the rate limit, for a timer of the policy's scheduler; the token source closing ends
	 * the wait early, and the next token request fails.
	 */
	private void pause(Duration delay, String what, HttpRequest request) throws InterruptedIOException {
		if (delay.isZero()) {
			return;
		}
		refuseToBlockAnEventLoop(request);
		CompletableFuture<Void> waited = Mono.delay(delay, this.policy.scheduler())
			.then()
			.or(this.tokens.whenClosed())
			.toFuture();
		try {
			waited.get();
		}
		catch (InterruptedException ex) {
			waited.cancel(true);
			throw interrupted(what + " " + request.getMethod() + " " + request.getURI(), ex);
		}
		catch (ExecutionException ex) {
			// neither the timer nor whenClosed() fails
		}
	}

	// Parking a Reactor event loop could stall the very loop that reads the token response; block() refuses too.
	private static void refuseToBlockAnEventLoop(HttpRequest request) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("genesysRestClient would have to wait on " + Thread.currentThread().getName()
					+ ", a non-blocking thread, for " + request.getMethod() + " " + request.getURI()
					+ ": use genesysWebClient in reactive code, or publish the call on Schedulers.boundedElastic()");
		}
	}

	private static InterruptedIOException interrupted(String what, InterruptedException cause) {
		Thread.currentThread().interrupt();
		InterruptedIOException exception = new InterruptedIOException("Interrupted while waiting for " + what);
		exception.initCause(cause);
		return exception;
	}

}
