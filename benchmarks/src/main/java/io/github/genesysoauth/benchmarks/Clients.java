package io.github.genesysoauth.benchmarks;

import java.net.URI;
import java.time.Duration;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiExchangeFilter;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysRateLimitSettings;
import io.github.genesysoauth.token.WebClientTokenResponseClients;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ClientCredentialsOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.ClientCredentialsReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.endpoint.WebClientReactiveClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The three clients compared, all cloned from one {@link WebClient.Builder} with one connector, connection pool and
 * event loops ({@code bench-client-*}): a fixed {@code Authorization} header (the limit for any token-attaching
 * client), the starter as its auto-configuration wires it, and stock Spring Security as its reference documentation
 * wires client credentials. The same three as {@link RestClient}s, all cloned from one {@link RestClient.Builder}
 * whose {@link ReactorClientHttpRequestFactory} runs on the very same Reactor Netty {@link HttpClient}: it is the
 * request factory Spring Boot picks for an application with the starter, which brings Reactor Netty (unless Apache
 * HttpClient or Jetty's client is there too).
 */
final class Clients implements AutoCloseable {

	enum Kind {

		FIXED("fixed header"), STARTER("genesys-oauth"), STOCK("stock Spring Security");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	private final LoopResources loops = LoopResources.create("bench-client", 2, true);

	private final ConnectionProvider connections = ConnectionProvider.builder("bench")
		.maxConnections(1100)
		.pendingAcquireMaxCount(-1)
		.pendingAcquireTimeout(Duration.ofSeconds(60))
		.build();

	private final HttpClient httpClient = HttpClient.create(this.connections).runOn(this.loops);

	private final WebClient.Builder builder = WebClient.builder()
		.clientConnector(new ReactorClientHttpConnector(this.httpClient));

	private final RestClient.Builder restClientBuilder = RestClient.builder()
		.requestFactory(new ReactorClientHttpRequestFactory(this.httpClient));

	private final LocalGenesys genesys;

	Clients(LocalGenesys genesys) {
		this.genesys = genesys;
	}

	WebClient create(Kind kind, BenchSettings settings) {
		return switch (kind) {
			case FIXED -> this.builder.clone()
				.baseUrl(this.genesys.baseUrl())
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + LocalGenesys.FIXED_TOKEN)
				.build();
			case STARTER -> starter(settings);
			case STOCK -> stock();
		};
	}

	RestClient createRestClient(Kind kind, BenchSettings settings) {
		return switch (kind) {
			case FIXED -> this.restClientBuilder.clone()
				.baseUrl(this.genesys.baseUrl())
				.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + LocalGenesys.FIXED_TOKEN)
				.build();
			case STARTER -> starterRestClient(settings);
			case STOCK -> stockRestClient();
		};
	}

	// as GenesysOAuthAutoConfiguration builds genesysAccessTokens and genesysWebClient, with default properties
	private WebClient starter(BenchSettings settings) {
		return this.builder.clone()
			.baseUrl(this.genesys.baseUrl())
			.filter(GenesysApiExchangeFilter.of(starterPolicy(settings)))
			.build();
	}

	// as GenesysOAuthAutoConfiguration builds genesysRestClient
	private RestClient starterRestClient(BenchSettings settings) {
		return this.restClientBuilder.clone()
			.baseUrl(this.genesys.baseUrl())
			.requestInterceptor(GenesysApiRequestInterceptor.of(starterPolicy(settings)))
			.build();
	}

	// a new token source each time, so that every client starts cold; it requests tokens with a WebClient, as
	// genesysAccessTokens does whichever client uses it
	private GenesysApiCallPolicy starterPolicy(BenchSettings settings) {
		return starterPolicy(settings, Duration.ofSeconds(60));
	}

	// pacing on, as by default, at a limit the local Genesys (which sends no inin-ratelimit-* headers) never reaches:
	// what the budget's bookkeeping costs each call is measured, no call is held back
	private GenesysApiCallPolicy starterPolicy(BenchSettings settings, Duration refreshBeforeExpiry) {
		return starterPolicy(settings, refreshBeforeExpiry, new GenesysRateLimitSettings(
				GenesysRateLimitSettings.Mode.PACE, Integer.MAX_VALUE, Duration.ofSeconds(60)));
	}

	private GenesysApiCallPolicy starterPolicy(BenchSettings settings, Duration refreshBeforeExpiry,
			GenesysRateLimitSettings rateLimit) {
		GenesysAccessTokens tokens = GenesysAccessTokens.builder(registration())
			.tokenResponseClient(WebClientTokenResponseClients.of(this.builder.clone().build()))
			.maxBackoff(settings.starterMaxBackoff())
			.refreshBeforeExpiry(refreshBeforeExpiry)
			.rateLimit(rateLimit)
			.build();
		return GenesysApiCallPolicy.builder(tokens, URI.create(this.genesys.baseUrl())).build();
	}

	/**
	 * genesys-oauth with the given rate-limit settings (pacing on or off) and the default retry settings: a 429 is
	 * sent again after its {@code Retry-After}, up to 3 attempts.
	 */
	WebClient starterWithRateLimit(BenchSettings settings, GenesysRateLimitSettings rateLimit) {
		return this.builder.clone()
			.baseUrl(this.genesys.baseUrl())
			.filter(GenesysApiExchangeFilter.of(starterPolicy(settings, Duration.ofSeconds(60), rateLimit)))
			.build();
	}

	/**
	 * genesys-oauth renewing only {@code refreshBeforeExpiry} before expiry: with a margin shorter than the token
	 * endpoint's answer, callers meet an expired token and wait for the renewal, as every renewal's callers did
	 * before renewal moved to the background.
	 */
	WebClient starterRenewingAt(BenchSettings settings, Duration refreshBeforeExpiry) {
		return this.builder.clone()
			.baseUrl(this.genesys.baseUrl())
			.filter(GenesysApiExchangeFilter.of(starterPolicy(settings, refreshBeforeExpiry)))
			.build();
	}

	// Spring Security's documented service-to-service wiring of client credentials
	private WebClient stock() {
		return stock(null);
	}

	/** Stock Spring Security renewing {@code clockSkew} before expiry ({@code null}: its default, 60 s). */
	WebClient stock(@Nullable Duration clockSkew) {
		ClientRegistration registration = registration();
		ServerOAuth2AuthorizedClientExchangeFilterFunction oauth = stockFilter(
				new InMemoryReactiveClientRegistrationRepository(registration), this.builder.clone().build(), clockSkew);
		oauth.setDefaultClientRegistrationId(registration.getRegistrationId());
		return this.builder.clone().baseUrl(this.genesys.baseUrl()).filter(oauth).build();
	}

	/**
	 * Stock Spring Security's filter for the registrations of a repository, as its reference documentation wires
	 * client credentials for service-to-service calls: {@code AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager}
	 * over an in-memory authorized client service, its token requests sent with {@code tokenClient}.
	 */
	static ServerOAuth2AuthorizedClientExchangeFilterFunction stockFilter(
			InMemoryReactiveClientRegistrationRepository registrations, WebClient tokenClient) {
		return stockFilter(registrations, tokenClient, null);
	}

	private static ServerOAuth2AuthorizedClientExchangeFilterFunction stockFilter(
			InMemoryReactiveClientRegistrationRepository registrations, WebClient tokenClient,
			@Nullable Duration clockSkew) {
		InMemoryReactiveOAuth2AuthorizedClientService authorizedClients = new InMemoryReactiveOAuth2AuthorizedClientService(
				registrations);
		WebClientReactiveClientCredentialsTokenResponseClient tokenResponseClient = new WebClientReactiveClientCredentialsTokenResponseClient();
		tokenResponseClient.setWebClient(tokenClient);
		ClientCredentialsReactiveOAuth2AuthorizedClientProvider provider = new ClientCredentialsReactiveOAuth2AuthorizedClientProvider();
		provider.setAccessTokenResponseClient(tokenResponseClient);
		if (clockSkew != null) {
			provider.setClockSkew(clockSkew);
		}
		AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(provider);
		return new ServerOAuth2AuthorizedClientExchangeFilterFunction(manager);
	}

	// Spring Security's documented RestClient wiring of client credentials: OAuth2ClientHttpRequestInterceptor over
	// an AuthorizedClientServiceOAuth2AuthorizedClientManager (the manager for use outside a servlet request), its
	// token requests sent by the provider's default RestClientClientCredentialsTokenResponseClient
	private RestClient stockRestClient() {
		ClientRegistration registration = registration();
		OAuth2ClientHttpRequestInterceptor oauth = stockInterceptor(new InMemoryClientRegistrationRepository(registration));
		// every request of this client is for the one registration, as setDefaultClientRegistrationId does for the
		// WebClient above, instead of the clientRegistrationId(...) attribute on each request
		oauth.setClientRegistrationIdResolver((request) -> registration.getRegistrationId());
		return this.restClientBuilder.clone().baseUrl(this.genesys.baseUrl()).requestInterceptor(oauth).build();
	}

	/** Stock Spring Security's interceptor for the registrations of a repository, wired as above. */
	static OAuth2ClientHttpRequestInterceptor stockInterceptor(InMemoryClientRegistrationRepository registrations) {
		InMemoryOAuth2AuthorizedClientService authorizedClients = new InMemoryOAuth2AuthorizedClientService(
				registrations);
		AuthorizedClientServiceOAuth2AuthorizedClientManager manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
				registrations, authorizedClients);
		manager.setAuthorizedClientProvider(new ClientCredentialsOAuth2AuthorizedClientProvider());
		return new OAuth2ClientHttpRequestInterceptor(manager);
	}

	private ClientRegistration registration() {
		return ClientRegistration.withRegistrationId("genesys")
			.clientId("benchmark-client")
			.clientSecret("benchmark-secret")
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.genesys.tokenUri())
			.build();
	}

	@Override
	public void close() {
		this.connections.disposeLater().block();
		this.loops.disposeLater().block();
	}

}
