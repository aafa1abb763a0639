package io.github.genesysoauth.client;

import java.time.Duration;
import java.util.Objects;

import io.github.genesysoauth.client.ApiCall.Decision;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimit.Pacing;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * The {@code WebClient} transport of {@link GenesysApiCallPolicy}: sends each request for the Platform API's origin
 * with {@code Authorization: Bearer <token>} and carries out what the policy decides about each answer (renew the
 * token after 401, wait out 429 and 5xx, fail a 429 that stays with {@link GenesysRateLimitException}). Requests for
 * other hosts are sent as they are.
 *
 * <p>Waiting never blocks: the wait before a retry, or for a slot of the token's rate limit, is a timer of the
 * policy's Reactor {@link Scheduler}, and a wait ends when the token source is closed (the call then fails with error
 * {@code closed}). A retried request carries the same body, byte
 * for byte; a body written as a stream (a {@code Flux}, multipart) may not be repeatable, and the policy never
 * retries its request.
 */
public final class GenesysApiExchangeFilter implements ExchangeFilterFunction {

	private final GenesysApiCallPolicy policy;

	private final GenesysAccessTokens tokens;

	private final Scheduler scheduler;

	private GenesysApiExchangeFilter(GenesysApiCallPolicy policy) {
		this.policy = policy;
		this.tokens = policy.tokens();
		this.scheduler = policy.scheduler();
	}

	/**
	 * A filter that carries out the policy, waiting on the policy's scheduler.
	 * @param policy the policy
	 * @return the filter
	 */
	public static GenesysApiExchangeFilter of(GenesysApiCallPolicy policy) {
		return new GenesysApiExchangeFilter(Objects.requireNonNull(policy, "policy"));
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		boolean onApiOrigin = this.policy.isApiOrigin(request.url());
		if (request.body() == BodyInserters.empty()) {
			return follow(request, null, next, 0, onApiOrigin);
		}
		// a 307 or 308 sends the body again, so it is recorded as for a retry
		ReplayableBody body = new ReplayableBody(request.body());
		return follow(ClientRequest.from(request).body(body.inserter()).build(), body, next, 0, onApiOrigin);
	}

	// the connector follows no redirect: each hop is sent here, with the token only while every hop so far has been
	// on the API's origin
	private Mono<ClientResponse> follow(ClientRequest request, @Nullable ReplayableBody body, ExchangeFunction next,
			int hops, boolean onApiOrigin) {
		return (onApiOrigin ? exchange(request, next) : next.exchange(request)).flatMap((response) -> {
			Redirect redirect = this.policy.redirect(request.method(), request.url(), response.statusCode().value(),
					response.headers().asHttpHeaders(), hops);
			if (redirect == null || (redirect.keepBody() && body != null && !body.canReplay())) {
				return Mono.just(response);
			}
			ClientRequest hop = ClientRequest.from(request)
				.method(redirect.method())
				.url(redirect.url())
				.headers((headers) -> {
					if (!redirect.sameOrigin()) {
						headers.remove(HttpHeaders.AUTHORIZATION);
						headers.remove(HttpHeaders.COOKIE);
					}
					if (!redirect.keepBody()) {
						headers.remove(HttpHeaders.CONTENT_TYPE);
						headers.remove(HttpHeaders.CONTENT_LENGTH);
					}
				})
				.cookies((cookies) -> {
					if (!redirect.sameOrigin()) {
						cookies.clear();
					}
				})
				.body(redirect.keepBody() ? request.body() : BodyInserters.empty())
				.build();
			boolean stillOnApiOrigin = onApiOrigin && this.policy.isApiOrigin(redirect.url());
			return response.releaseBody()
				.then(Mono.defer(() -> follow(hop, redirect.keepBody() ? body : null, next, hops + 1,
						stillOnApiOrigin)));
		});
	}

	private Mono<ClientResponse> exchange(ClientRequest request, ExchangeFunction next) {
		if (!this.policy.isApiOrigin(request.url())) {
			return next.exchange(request);
		}
		// The hot path, a request without a body while the token is fresh: no Mono for the token, and no state for
		// retries unless the answer calls for one.
		OAuth2AccessToken token = (request.body() == BodyInserters.empty()) ? this.tokens.freshToken() : null;
		if (token == null) {
			return new Exchange(request, next).attempt();
		}
		Pacing slot;
		try {
			slot = this.policy.pace(request.method(), request.url(), token, 0);
		}
		catch (GenesysRateLimitException ex) {
			return Mono.error(ex);
		}
		if (slot.waits()) {
			return new Exchange(request, next).sendAfter(slot, token);
		}
		return next.exchange(withToken(request, token).build())
			.flatMap((response) -> this.policy.isFinal(response.statusCode().value(),
					response.headers().asHttpHeaders(), token) ? Mono.just(response)
							: new Exchange(request, next).decideFirst(response, token));
	}

	private static ClientRequest.Builder withToken(ClientRequest request, OAuth2AccessToken token) {
		String value = token.getTokenValue();
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(value));
	}

	/** One call through this transport: the policy's {@code ApiCall}, and the body to send again. */
	private final class Exchange {

		private final ClientRequest request;

		private final ExchangeFunction next;

		private final @Nullable ReplayableBody body;

		private final ApiCall call;

		Exchange(ClientRequest request, ExchangeFunction next) {
			this.request = request;
			this.next = next;
			this.body = (request.body() == BodyInserters.empty()) ? null : new ReplayableBody(request.body());
			this.call = GenesysApiExchangeFilter.this.policy.call(request.method(), request.url(),
					request.attributes(), () -> this.body == null || this.body.canReplay());
		}

		Mono<ClientResponse> attempt() {
			return GenesysApiExchangeFilter.this.tokens.accessToken().flatMap(this::send);
		}

		/** Takes over after a first attempt made on the hot path. */
		Mono<ClientResponse> decideFirst(ClientResponse response, OAuth2AccessToken token) {
			this.call.sending();
			return carryOut(response, token);
		}

		private Mono<ClientResponse> send(OAuth2AccessToken token) {
			Pacing slot;
			try {
				slot = GenesysApiExchangeFilter.this.policy.pace(this.request.method(), this.request.url(), token,
						this.call.attempts());
			}
			catch (GenesysRateLimitException ex) {
				return Mono.error(ex);
			}
			return slot.waits() ? sendAfter(slot, token) : exchange(token);
		}

		/** Sends the request once the wait for its slot of the rate limit is over, and the slot confirmed. */
		Mono<ClientResponse> sendAfter(Pacing slot, OAuth2AccessToken token) {
			// a caller that stops waiting (cancelled, timed out) leaves its slot to others
			return waitFor(slot.delay()).doOnCancel(() -> GenesysApiExchangeFilter.this.policy.release(slot))
				.then(Mono.defer(() -> {
					Pacing now = GenesysApiExchangeFilter.this.policy.confirm(slot, this.request.method(),
							this.request.url(), this.call.attempts());
					return now.waits() ? sendAfter(now, token) : exchange(token);
				}));
		}

		private Mono<ClientResponse> exchange(OAuth2AccessToken token) {
			if (GenesysApiExchangeFilter.this.tokens.isClosed()) {
				// a token obtained before close() is not sent after it: asking again fails with error closed
				return attempt();
			}
			this.call.sending();
			ClientRequest.Builder attempt = withToken(this.request, token);
			if (this.body != null) {
				attempt.body(this.body.inserter());
			}
			return this.next.exchange(attempt.build()).flatMap((response) -> carryOut(response, token));
		}

		private Mono<ClientResponse> carryOut(ClientResponse response, OAuth2AccessToken token) {
			Decision decision = this.call.decide(response.statusCode().value(), response.headers().asHttpHeaders(),
					token);
			return switch (decision.action()) {
				case RESPOND -> Mono.just(response);
				case RETRY -> response.releaseBody().then(waitFor(decision.delay())).then(Mono.defer(this::attempt));
				case FAIL -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(new byte[0])
					.flatMap((body) -> Mono.error(this.call.rateLimitException(decision,
							HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(), response.headers().asHttpHeaders(), body)));
			};
		}

		// the wait ends early when the token source closes; the attempt after it then fails with error closed
		private Mono<Void> waitFor(Duration wait) {
			if (wait.isZero()) {
				return Mono.empty();
			}
			return Mono.delay(wait, GenesysApiExchangeFilter.this.scheduler)
				.then()
				.or(GenesysApiExchangeFilter.this.tokens.whenClosed());
		}

	}

}
