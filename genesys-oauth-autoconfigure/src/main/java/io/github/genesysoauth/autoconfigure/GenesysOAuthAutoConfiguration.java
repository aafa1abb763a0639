package io.github.genesysoauth.autoconfigure;

import java.time.Clock;
import java.util.List;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.org.GenesysOrgObserver;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysTokenObservationConvention;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the core of a Genesys Cloud client: the default org's client-credentials
 * {@link ClientRegistration}, its single-flight {@link GenesysAccessTokens} and its {@link GenesysApiCallPolicy},
 * and what every org's token source and policy are made with, including how token requests travel: over WebClient
 * where the application has it, else over RestClient, on Boot's HTTP client settings either way. The clients that carry out the policy are configured
 * apart, one concern each: {@link GenesysOAuthRestClientAutoConfiguration},
 * {@link GenesysOAuthWebClientAutoConfiguration}, {@link GenesysOAuthHttpServiceAutoConfiguration} and
 * {@link GenesysOAuthSdkAutoConfiguration}; the orgs in {@link GenesysOAuthOrgsAutoConfiguration}.
 *
 * <p>The {@code ClientRegistration} is no default candidate at all, so it never joins an application's
 * {@code List<ClientRegistration>} (a common way to build a registration repository); ask for it with
 * {@code @Qualifier("genesysClientRegistration")}. Nothing here is a {@code ReactiveOAuth2AuthorizedClientManager},
 * {@code ReactiveClientRegistrationRepository}, {@code OAuth2AuthorizedClientService} or token response client
 * bean, so an application's own Spring Security OAuth2 client setup is left as it is.
 *
 * <p>Every bean backs off for a user bean of its name, and these beans find one another by name: an application
 * may define more {@code GenesysAccessTokens} or {@code ClientRegistration} beans (another Genesys organization,
 * say) without changing what the starter's clients, the metrics and the health check use.
 * {@code genesysAccessTokens} is a {@link Fallback} bean, so the application's own one is what it injects by type.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass(ClientRegistration.class)
@ConditionalOnBooleanProperty(name = GenesysOAuthProperties.CONFIG_PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(GenesysOAuthProperties.class)
@ImportRuntimeHints(GenesysOAuthRuntimeHints.class)
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
		return genesysOrgAssembly.tokens(GenesysOrgs.DEFAULT, false,
				GenesysPropertiesResolver.settingNames(GenesysOrgs.DEFAULT, false),
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
		// a proxy or SSL bundle the clients cannot use fails start-up, not the first call
		GenesysTransports.checkRoute(beanFactory);
		return new GenesysOrgAssembly(properties,
				() -> beanFactory.containsBean(TOKEN_RESPONSE_CLIENT_BEAN) ? beanFactory.getBean(TOKEN_RESPONSE_CLIENT_BEAN)
						: null,
				GenesysTransports.ownTokenTransports(beanFactory, properties.getTokenRequestTimeout()),
				clock.getIfAvailable(Clock::systemUTC), observationRegistry, observationConvention,
				GenesysTransports.followRedirects(beanFactory));
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

	/** Where WebClient is on the classpath: token requests over Boot's {@code WebClient.Builder}. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
	static class WebClientTokensConfiguration {

		@Bean(name = TOKEN_RESPONSE_CLIENT_BEAN, defaultCandidate = false)
		@Lazy
		@ConditionalOnMissingBean(name = TOKEN_RESPONSE_CLIENT_BEAN)
		GenesysTokenResponseClient genesysTokenResponseClient(GenesysOAuthProperties properties,
				BeanFactory beanFactory) {
			return GenesysTransports.tokenResponseClient(beanFactory,
					GenesysTransports.tokenRoute(beanFactory, GenesysOrgs.DEFAULT), properties.getTokenRequestTimeout());
		}

	}

	/**
	 * Without WebClient (Spring MVC, batch): token requests over Boot's {@code RestClient.Builder} and its HTTP client
	 * settings (see {@code GenesysTransports#tokenRequestFactory}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass("org.springframework.web.reactive.function.client.WebClient")
	@ConditionalOnClass(name = "org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder")
	static class RestClientTokensConfiguration {

		@Bean(name = TOKEN_RESPONSE_CLIENT_BEAN, defaultCandidate = false)
		@Lazy
		@ConditionalOnMissingBean(name = TOKEN_RESPONSE_CLIENT_BEAN)
		GenesysTokenResponseClient genesysTokenResponseClient(GenesysOAuthProperties properties,
				BeanFactory beanFactory) {
			return GenesysTransports.tokenResponseClient(beanFactory,
					GenesysTransports.tokenRoute(beanFactory, GenesysOrgs.DEFAULT), properties.getTokenRequestTimeout());
		}

	}

	// the application's own listeners; the starter's are no default candidates, found by name where they belong
	static GenesysRetryListener listenerOf(ObjectProvider<GenesysRetryListener> listeners) {
		return GenesysRetryListener.all(listeners.orderedStream().toList());
	}

}
