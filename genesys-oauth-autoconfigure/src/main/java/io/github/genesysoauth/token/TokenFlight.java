package io.github.genesysoauth.token;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/** One token request in progress (with its retries and their backoff), and the callers that wait for it. */
final class TokenFlight {

	private final Sinks.One<OAuth2AccessToken> sink = Sinks.one();

	private volatile @Nullable Disposable subscription;

	// Each caller gets an exception of its own: Reactor adds a suppressed exception to what block() throws.
	private final Mono<OAuth2AccessToken> result = this.sink.asMono()
		.onErrorMap(GenesysAuthenticationException.class,
				(failure) -> TokenRequestFailures.copy(failure, failure.getMessage()));

	/** What its callers wait for. */
	Mono<OAuth2AccessToken> result() {
		return this.result;
	}

	void running(Disposable subscription) {
		this.subscription = subscription;
	}

	void succeed(OAuth2AccessToken token) {
		this.sink.tryEmitValue(token);
	}

	void fail(Throwable failure) {
		this.sink.tryEmitError(failure);
	}

	/** Stops the token request or backoff in progress; its callers get the failure. */
	void cancel(GenesysAuthenticationException failure) {
		Disposable running = this.subscription;
		if (running != null) {
			running.dispose();
		}
		this.sink.tryEmitError(failure);
	}

}
