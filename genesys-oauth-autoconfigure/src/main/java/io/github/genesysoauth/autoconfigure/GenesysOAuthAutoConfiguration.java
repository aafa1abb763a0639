package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiExchangeFilter;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgObserver;
import io.github.genesysoauth.org.GenesysOrgSettingsProvider;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.GenesysTokenObservationConvention;
import io.github.genesysoauth.token.RestClientTokenResponseClient;
import io.github.genesysoauth.token.WebClientTokenResponseClients;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of a Genesys Cloud client: a client-credentials {@link ClientRegistration}, a single-flight
 * {@link GenesysAccessTokens}, and for the Platform API a {@link RestClient} and, where WebClient is on the
 * classpath, a {@code WebClient}, both carrying out one {@link GenesysApiCallPolicy}. Token requests go over WebClient
 * where the application has it, else over RestClient: a servlet or batch application needs neither WebFlux nor
 * Netty.
 *
 * <p>The {@code WebClient} is a {@link Fallback} bean: injected by type only where the application has no
 * {@code WebClient} of its own, so adding the starter never makes an application's own one ambiguous;
 * {@code @Qualifier("genesysWebClient")} always finds it. The {@code ClientRegistration} is no default candidate at
 * all, so it never joins an application's {@code List<ClientRegistration>} (a common way to build a registration
 * repository); ask for it with {@code @Qualifier("genesysClientRegistration")}. Nothing here is a
 * {@code ReactiveOAuth2AuthorizedClientManager}, {@code ReactiveClientRegistrationRepository},
 * {@code OAuth2AuthorizedClientService} or token response client bean, so an application's own Spring Security
 * OAuth2 client setup is left as it is.
 *
 * <p>Every bean backs off for a user bean of its name, and these beans find one another by name: an application
 * may define more {@code GenesysAccessTokens}, {@code WebClient} or {@code ClientRegistration} beans (another
 * Genesys organization, say) without changing what the starter's clients, the metrics and the health check use.
 * {@code genesysAccessTokens} is a {@link Fallback} bean like the {@code WebClient}, so the application's own one is
 * what it injects by type.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(ClientRegistration.class)
@ConditionalOnBooleanProperty(name = GenesysOAuthProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(GenesysOAuthProperties.class)
public final class GenesysOAuthAutoConfiguration {

	/** Name of the client registration bean. */
	public static final String CLIENT_REGISTRATION_BEAN = "genesysClientRegistration";

	/** Name of the reactive Platform API client bean. */
	public static final String WEB_CLIENT_BEAN = "genesysWebClient";

	/** Name of the blocking Platform API client bean. */
	public static final String REST_CLIENT_BEAN = "genesysRestClient";

	/** Name of the call policy every Platform API client of the default org carries out. */
	public static final String CALL_POLICY_BEAN = "genesysApiCallPolicy";

	/** Name of the token source bean. */
	public static final String ACCESS_TOKENS_BEAN = "genesysAccessTokens";

	/**
	 * Name of the token response client, a {@link GenesysTokenResponseClient}: how token requests travel (WebClient or
	 * RestClient). Of the starter's own type, so that Spring Security's default {@code OAuth2AuthorizedClientManager},
	 * which looks up token response clients by type, never sends the application's other providers through it.
	 */
	public static final String TOKEN_RESPONSE_CLIENT_BEAN = "genesysTokenResponseClient";

	/**
	 * Name of the {@link Clock} the starter's tokens, pauses and health checks run on, when the application declares
	 * one (tests do); otherwise the system clock. Asked for by name only: an application's own {@code Clock} bean, a
	 * fixed one for its business rules say, never drives token renewal.
	 */
	public static final String CLOCK_BEAN = "genesysClock";

	/** Name of the registry of every Genesys org, {@code default} and named. */
	public static final String ORGS_BEAN = "genesysOrgs";

	/** Name of the {@link GenesysOrgObserver} that watches named orgs (their meters). */
	public static final String ORG_OBSERVER_BEAN = "genesysOrgObserver";

	/** Name of the {@code GenesysRetryListener} that counts the default org's retries. */
	static final String RETRY_METRICS_LISTENER_BEAN = "genesysRetryMetricsListener";

	/** Name of what every org's token source and policy are made with. */
	static final String ORG_ASSEMBLY_BEAN = "genesysOrgAssembly";

	private static final String WEB_CLIENT_CLASS = "org.springframework.web.reactive.function.client.WebClient";

	/** Name of the registration source that follows rebound credential properties; only with the registration. */
	static final String PROPERTIES_REGISTRATION_SOURCE_BEAN = "genesysPropertiesRegistrationSource";

	// Lazy, as are the clients below: building them loads HTTP clients and codecs, which an application that does not
	// use them at start-up should not wait for. The registration is eager, so that every property is still checked at
	// start-up. Closed with the context (inferred close()), which stops all token work.
	@Bean(name = ACCESS_TOKENS_BEAN)
	@Lazy
	@Fallback
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = ACCESS_TOKENS_BEAN)
	GenesysAccessTokens genesysAccessTokens(
			@Qualifier(CLIENT_REGISTRATION_BEAN) ClientRegistration genesysClientRegistration,
			@Qualifier(PROPERTIES_REGISTRATION_SOURCE_BEAN) ObjectProvider<PropertiesRegistrationSource> propertiesSource,
			@Qualifier(ORG_ASSEMBLY_BEAN) GenesysOrgAssembly genesysOrgAssembly) {
		// credentials rebound on refresh apply to the registration built from them, never to a user's own
		PropertiesRegistrationSource source = propertiesSource.getIfAvailable();
		return genesysOrgAssembly.tokens(GenesysOrgs.DEFAULT, false, GenesysOAuthProperties.CONFIG_PREFIX + ".",
				genesysClientRegistration, (source != null) ? source : () -> genesysClientRegistration);
	}

	// One policy for every client of the default org, whatever its transport: genesysWebClient, genesysRestClient
	// and the HTTP service group "genesys".
	@Bean(name = CALL_POLICY_BEAN)
	@Lazy
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = CALL_POLICY_BEAN)
	GenesysApiCallPolicy genesysApiCallPolicy(@Qualifier(ACCESS_TOKENS_BEAN) GenesysAccessTokens genesysAccessTokens,
			GenesysOAuthProperties properties, @Qualifier(ORG_ASSEMBLY_BEAN) GenesysOrgAssembly genesysOrgAssembly,
			@Qualifier(RETRY_METRICS_LISTENER_BEAN) ObjectProvider<GenesysRetryListener> retryMetrics,
			ObjectProvider<GenesysRetryListener> retryListeners) {
		// the default org's meters by name; the application's listeners by type, for every org
		GenesysRetryListener listener = GenesysRetryListener
			.all(List.of(retryMetrics.getIfAvailable(() -> GenesysRetryListener.NONE), listenerOf(retryListeners)));
		return genesysOrgAssembly.policy(genesysAccessTokens,
				GenesysPropertiesResolver.endpoints(properties).apiBaseUrl(), listener);
	}

	// Everything an org's token source and policy are made of, the default org's and the named orgs' alike.
	@Bean(name = ORG_ASSEMBLY_BEAN, defaultCandidate = false)
	@ConditionalOnMissingBean(name = ORG_ASSEMBLY_BEAN)
	GenesysOrgAssembly genesysOrgAssembly(GenesysOAuthProperties properties,
			@Qualifier(CLOCK_BEAN) ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<GenesysTokenObservationConvention> observationConvention, BeanFactory beanFactory) {
		return new GenesysOrgAssembly(properties,
				() -> beanFactory.containsBean(TOKEN_RESPONSE_CLIENT_BEAN) ? beanFactory.getBean(TOKEN_RESPONSE_CLIENT_BEAN)
						: null,
				clock.getIfAvailable(Clock::systemUTC), observationRegistry, observationConvention,
				GenesysTransports.followRedirects(beanFactory));
	}

	/**
	 * Every org: the default one of these beans, the named ones of {@code genesys.oauth.orgs.<name>.*} (checked at
	 * start-up), and those registered at run time or found by the application's {@link GenesysOrgSettingsProvider}.
	 */
	@Bean(name = ORGS_BEAN)
	@Fallback
	@ConditionalOnMissingBean(name = ORGS_BEAN)
	GenesysOrgs genesysOrgs(GenesysOAuthProperties properties, ConfigurableListableBeanFactory beanFactory,
			@Qualifier(ORG_ASSEMBLY_BEAN) GenesysOrgAssembly genesysOrgAssembly,
			ObjectProvider<GenesysOrgSettingsProvider> provider,
			@Qualifier(ORG_OBSERVER_BEAN) ObjectProvider<GenesysOrgObserver> observer,
			ObjectProvider<GenesysRetryListener> retryListeners,
			@Qualifier(CALL_POLICY_BEAN) ObjectProvider<GenesysApiCallPolicy> defaultPolicy,
			@Qualifier(REST_CLIENT_BEAN) ObjectProvider<RestClient> defaultRestClient,
			@Qualifier(WEB_CLIENT_BEAN) ObjectProvider<Object> defaultWebClient,
			@Qualifier(GenesysOAuthSdkAutoConfiguration.API_CLIENT_BEAN) ObjectProvider<Object> defaultApiClient,
			ObjectProvider<RestClient.Builder> restClientBuilder, @Qualifier(CLOCK_BEAN) ObjectProvider<Clock> clock) {
		GenesysPropertiesResolver.checkShared(properties);
		GenesysOrgs.Builder orgs = GenesysOrgs
			.builder(genesysOrgAssembly.forOrgs(observer, () -> listenerOf(retryListeners)),
					GenesysTransports.sharedRestClientBuilders(() -> restClientBuilderFrom(restClientBuilder),
							beanFactory))
			// two providers fail start-up: which one finds an org is not to be guessed
			.provider(provider.getIfAvailable())
			.idleTimeout(properties.getOrgIdleTimeout())
			.lookupTimeout(properties.getTokenRequestTimeout())
			.clock(clock.getIfAvailable(Clock::systemUTC));
		GenesysPropertiesResolver.namedOrgs(properties).forEach(orgs::configured);
		// the default org's beans are lazy: looked up when the default org is first used, not now
		if (beanFactory.containsBean(CALL_POLICY_BEAN)) {
			orgs.defaultOrg(GenesysOrg.ofDefault(defaultPolicy::getObject, defaultRestClient::getObject,
					defaultWebClient::getIfAvailable, defaultApiClient::getIfAvailable));
		}
		if (ClassUtils.isPresent(WEB_CLIENT_CLASS, GenesysOAuthAutoConfiguration.class.getClassLoader())) {
			WebClientConfiguration.webClientBuilders(beanFactory, orgs);
		}
		return orgs.build();
	}

	@Bean(name = REST_CLIENT_BEAN)
	@Lazy
	@Fallback
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = REST_CLIENT_BEAN)
	RestClient genesysRestClient(@Qualifier(CALL_POLICY_BEAN) GenesysApiCallPolicy genesysApiCallPolicy,
			ObjectProvider<RestClient.Builder> restClientBuilder, BeanFactory beanFactory) {
		return apiRestClientBuilder(restClientBuilder, beanFactory).baseUrl(genesysApiCallPolicy.apiBaseUrl().toString())
			.requestInterceptor(GenesysApiRequestInterceptor.of(genesysApiCallPolicy))
			.build();
	}

	// Boot's builder is a prototype carrying its customizers (converters, request factory, observations); cloned
	// anyway, as an application may have replaced it with a shared one that must not collect this client's interceptor.
	private static RestClient.Builder restClientBuilderFrom(ObjectProvider<RestClient.Builder> restClientBuilder) {
		return restClientBuilder.getIfAvailable(RestClient::builder).clone();
	}

	// an API client's builder: its transport leaves redirects to the call policy
	private static RestClient.Builder apiRestClientBuilder(ObjectProvider<RestClient.Builder> restClientBuilder,
			BeanFactory beanFactory) {
		return GenesysTransports.withoutRedirects(restClientBuilderFrom(restClientBuilder), beanFactory);
	}

	/**
	 * The registration built from {@code genesys.oauth.*}, and its source, which follows rebound credentials. Both
	 * back off together for a user's {@code genesysClientRegistration}: one condition, so that neither is decided
	 * after the other has been registered.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = CLIENT_REGISTRATION_BEAN)
	static class PropertiesRegistrationConfiguration {

		@Bean(name = PROPERTIES_REGISTRATION_SOURCE_BEAN, defaultCandidate = false)
		PropertiesRegistrationSource genesysPropertiesRegistrationSource(GenesysOAuthProperties properties) {
			return new PropertiesRegistrationSource(properties, GenesysPropertiesResolver.clientRegistration(properties));
		}

		@Bean(name = CLIENT_REGISTRATION_BEAN, defaultCandidate = false)
		ClientRegistration genesysClientRegistration(
				@Qualifier(PROPERTIES_REGISTRATION_SOURCE_BEAN) PropertiesRegistrationSource source) {
			return source.get();
		}

	}

	// the application's own listeners; the starter's are no default candidates, found by name where they belong
	private static GenesysRetryListener listenerOf(ObjectProvider<GenesysRetryListener> listeners) {
		return GenesysRetryListener.all(listeners.orderedStream().toList());
	}


	/**
	 * Where WebClient is on the classpath: token requests over Boot's {@code WebClient.Builder}, and
	 * {@code genesysWebClient}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClient.class)
	static class WebClientConfiguration {

		@Bean(name = TOKEN_RESPONSE_CLIENT_BEAN, defaultCandidate = false)
		@Lazy
		@ConditionalOnMissingBean(name = TOKEN_RESPONSE_CLIENT_BEAN)
		GenesysTokenResponseClient genesysTokenResponseClient(
				ObjectProvider<WebClient.Builder> webClientBuilder, BeanFactory beanFactory) {
			return GenesysTokenResponseClient
				.reactive(WebClientTokenResponseClients.of(builderFrom(webClientBuilder, beanFactory).build()));
		}

		@Bean(name = WEB_CLIENT_BEAN)
		@Lazy
		@Fallback
		@Conditional(DefaultOrgCondition.class)
		@ConditionalOnMissingBean(name = WEB_CLIENT_BEAN)
		WebClient genesysWebClient(@Qualifier(CALL_POLICY_BEAN) GenesysApiCallPolicy genesysApiCallPolicy,
				ObjectProvider<WebClient.Builder> webClientBuilder, BeanFactory beanFactory) {
			return builderFrom(webClientBuilder, beanFactory).baseUrl(genesysApiCallPolicy.apiBaseUrl().toString())
				.filter(GenesysApiExchangeFilter.of(genesysApiCallPolicy))
				.build();
		}

		// Boot's builder is a prototype carrying its customizers (codecs, connector, observations); cloned anyway, as an
		// application may have replaced it with a shared one that must not collect this client's filter.
		// its connector follows no redirect: the call policy does, and token requests never do
		private static WebClient.Builder builderFrom(ObjectProvider<WebClient.Builder> webClientBuilder,
				BeanFactory beanFactory) {
			return GenesysTransports.withoutRedirects(webClientBuilder.getIfAvailable(WebClient::builder).clone(),
					beanFactory);
		}

		static void webClientBuilders(ConfigurableListableBeanFactory beanFactory, GenesysOrgs.Builder orgs) {
			ObjectProvider<WebClient.Builder> webClientBuilder = beanFactory.getBeanProvider(WebClient.Builder.class);
			orgs.webClientBuilder(GenesysTransports.sharedWebClientBuilders(
					() -> webClientBuilder.getIfAvailable(WebClient::builder).clone(), beanFactory));
		}

	}

	/**
	 * Without WebClient (Spring MVC, batch): token requests over Boot's {@code RestClient.Builder} and its HTTP client
	 * settings, with {@code token-request-timeout} as the read timeout and the longest connect timeout, so that no thread
	 * waits longer than its caller.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.web.reactive.function.client.WebClient")
	@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static class RestClientTokensConfiguration {

		@Bean(name = TOKEN_RESPONSE_CLIENT_BEAN, defaultCandidate = false)
		@Lazy
		@ConditionalOnMissingBean(name = TOKEN_RESPONSE_CLIENT_BEAN)
		GenesysTokenResponseClient genesysTokenResponseClient(
				GenesysOAuthProperties properties, ObjectProvider<RestClient.Builder> restClientBuilder,
				ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder,
				ObjectProvider<HttpClientSettings> httpClientSettings) {
			Duration timeout = properties.getTokenRequestTimeout();
			HttpClientSettings configured = httpClientSettings.getIfAvailable(HttpClientSettings::defaults);
			// a blocking connect may ignore the interrupt that ends a timed-out token request: bound it as well
			Duration connectTimeout = (configured.connectTimeout() != null
					&& configured.connectTimeout().compareTo(timeout) < 0) ? configured.connectTimeout() : timeout;
			// a token request carries the client secret: it follows no redirect (see GenesysTransports)
			HttpClientSettings settings = configured.withTimeouts(connectTimeout, timeout)
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			ClientHttpRequestFactory requestFactory = requestFactoryBuilder
				.getIfAvailable(ClientHttpRequestFactoryBuilder::detect)
				.build(settings);
			return GenesysTokenResponseClient.blocking(new RestClientTokenResponseClient(
					restClientBuilderFrom(restClientBuilder).requestFactory(requestFactory).build()));
		}

	}

	/**
	 * Whether there is a default org: {@code genesys.oauth.client-id} is set, or the application has its own
	 * {@code genesysClientRegistration}, or nothing else is configured (no named orgs, no
	 * {@link GenesysOrgSettingsProvider}), in which case start-up fails with the report naming
	 * {@code genesys.oauth.client-id}.
	 */
	static final class DefaultOrgCondition extends AnyNestedCondition {

		DefaultOrgCondition() {
			super(ConfigurationPhase.REGISTER_BEAN);
		}

		@Conditional(ClientIdCondition.class)
		static class ClientIdSet {

		}

		@ConditionalOnBean(name = CLIENT_REGISTRATION_BEAN)
		static class OwnRegistration {

		}

		@Conditional(NoNamedOrgsCondition.class)
		@ConditionalOnMissingBean(GenesysOrgSettingsProvider.class)
		static class NothingElseConfigured {

		}

	}

	/** {@code genesys.oauth.client-id} has text: an empty one, as {@code ${GENESYS_CLIENT_ID:}} gives, is not set. */
	static final class ClientIdCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String clientId = context.getEnvironment().getProperty(GenesysOAuthProperties.CONFIG_PREFIX + ".client-id");
			return StringUtils.hasText(clientId) ? ConditionOutcome.match("genesys.oauth.client-id is set")
					: ConditionOutcome.noMatch("genesys.oauth.client-id is not set");
		}

	}

	/** No {@code genesys.oauth.orgs.<name>.*} property is set. */
	static final class NoNamedOrgsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean named = Binder.get(context.getEnvironment())
				.bind(GenesysOAuthProperties.CONFIG_PREFIX + ".orgs",
						Bindable.mapOf(String.class, GenesysOrgProperties.class))
				.map((orgs) -> !orgs.isEmpty())
				.orElse(false);
			return named ? ConditionOutcome.noMatch("genesys.oauth.orgs has named orgs")
					: ConditionOutcome.match("no genesys.oauth.orgs");
		}

	}

}
