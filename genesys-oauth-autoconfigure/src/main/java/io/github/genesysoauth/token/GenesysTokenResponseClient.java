package io.github.genesysoauth.token;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;

/**
 * How the token requests of the Genesys orgs travel: one of Spring Security's token response clients, reactive or
 * blocking, held in a type of the starter's own. Spring Security's default {@code OAuth2AuthorizedClientManager} looks
 * up token response clients by their type for the application's own registrations, and neither
 * {@code defaultCandidate = false} nor {@code autowireCandidate = false} keeps a single bean of that type out of
 * {@code getBeanProvider(type).getIfAvailable()}: held in this type, Genesys's rules (raw Basic credentials, a required
 * {@code expires_in}) never reach the application's other providers.
 */
public final class GenesysTokenResponseClient {

	private final @Nullable ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> reactive;

	private final @Nullable OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> blocking;

	private GenesysTokenResponseClient(
			@Nullable ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> reactive,
			@Nullable OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> blocking) {
		this.reactive = reactive;
		this.blocking = blocking;
	}

	/**
	 * Token requests through a reactive client, such as {@link WebClientTokenResponseClients#of}.
	 * @param client the client
	 * @return the holder
	 */
	public static GenesysTokenResponseClient reactive(
			ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client) {
		return new GenesysTokenResponseClient(Objects.requireNonNull(client, "client"), null);
	}

	/**
	 * Token requests through a blocking client, such as {@link RestClientTokenResponseClient}.
	 * @param client the client
	 * @return the holder
	 */
	public static GenesysTokenResponseClient blocking(
			OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> client) {
		return new GenesysTokenResponseClient(null, Objects.requireNonNull(client, "client"));
	}

	/**
	 * Sets the client this holds on a token source's builder.
	 * @param tokens the builder to set it on
	 * @return that builder
	 */
	public GenesysAccessTokensBuilder applyTo(GenesysAccessTokensBuilder tokens) {
		return (this.reactive != null) ? tokens.tokenResponseClient(this.reactive)
				: tokens.blockingTokenResponseClient(Objects.requireNonNull(this.blocking));
	}

	/** {@return the reactive client, or {@code null} for a blocking one} */
	public @Nullable ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> reactiveClient() {
		return this.reactive;
	}

	/** {@return the blocking client, or {@code null} for a reactive one} */
	public @Nullable OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> blockingClient() {
		return this.blocking;
	}

	@Override
	public String toString() {
		return "GenesysTokenResponseClient[" + ((this.reactive != null) ? this.reactive : this.blocking).getClass()
			.getSimpleName() + "]";
	}

}
