package io.github.genesysoauth.autoconfigure;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.org.GenesysOrgAssembler;
import io.github.genesysoauth.org.GenesysOrgObserver;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.region.GenesysEndpoints;
import io.github.genesysoauth.token.DefaultGenesysTokenObservationConvention;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAccessTokensBuilder;
import io.github.genesysoauth.token.GenesysSettingNames;
import io.github.genesysoauth.token.GenesysTokenObservationConvention;
import io.github.genesysoauth.token.GenesysTokenObservationDocumentation.TokenRequestKeys;
import io.github.genesysoauth.token.GenesysTokenRequestContext;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.function.SingletonSupplier;

/**
 * How every org's token source and call policy are made from {@code genesys.oauth.*}: the default org's beans and
 * each named org's parts alike, so that the shared settings (timeouts, retries, the token transport, the clock,
 * observations) are applied in one place.
 */
final class GenesysOrgAssembly {

	/** The {@code org} and {@code client} tag of run-time orgs whose meters are shared. */
	static final String SHARED_LABEL = "run-time";

	private static final Log logger = LogFactory.getLog(GenesysOrgAssembly.class);

	private final GenesysOAuthProperties properties;

	private final Clock clock;

	private final boolean followRedirects;

	// looked up once, on the first org's first use: an org's first call should not walk the bean factory again
	private final SingletonSupplier<Shared> shared;

	// the token transport of an org whose route (proxy, trust) is its own; null for the default route's
	private final Function<String, @Nullable GenesysTokenResponseClient> ownTransports;

	/**
	 * @param tokenResponseClient the {@code genesysTokenResponseClient} bean, looked up by name, or {@code null}
	 * @param ownTransports the token transport of an org whose route is its own, {@code null} for the others
	 */
	GenesysOrgAssembly(GenesysOAuthProperties properties, Supplier<@Nullable Object> tokenResponseClient,
			Function<String, @Nullable GenesysTokenResponseClient> ownTransports, Clock clock,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<GenesysTokenObservationConvention> observationConvention, boolean followRedirects) {
		this.properties = properties;
		this.ownTransports = ownTransports;
		this.clock = clock;
		this.followRedirects = followRedirects;
		this.shared = SingletonSupplier.of(() -> {
			Object client = tokenResponseClient.get();
			return new Shared(transport(client),
					observationRegistry.getIfUnique(() -> ObservationRegistry.NOOP), observationConvention.getIfUnique());
		});
	}

	// the starter's own holder; Spring Security's types as such for an application's bean of that name
	@SuppressWarnings("unchecked")
	private static @Nullable GenesysTokenResponseClient transport(@Nullable Object client) {
		if (client == null || client instanceof GenesysTokenResponseClient) {
			return (GenesysTokenResponseClient) client;
		}
		if (client instanceof ReactiveOAuth2AccessTokenResponseClient<?> reactive) {
			return GenesysTokenResponseClient
				.reactive((ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest>) reactive);
		}
		if (client instanceof OAuth2AccessTokenResponseClient<?> blocking) {
			return GenesysTokenResponseClient
				.blocking((OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest>) blocking);
		}
		throw new IllegalStateException("Bean '" + GenesysOAuthAutoConfiguration.TOKEN_RESPONSE_CLIENT_BEAN
				+ "' is a " + client.getClass().getName() + "; define it as a GenesysTokenResponseClient, or remove it.");
	}

	/**
	 * An org's token source.
	 * @param name the org's name, its {@code org} tag
	 * @param sharedMeters whether its observations are tagged {@value #SHARED_LABEL} rather than with its own org
	 * and client
	 * @param settingNames how failure messages name its settings
	 * @param registration the registration to start with
	 * @param source the registration before each token request
	 */
	GenesysAccessTokens tokens(String name, boolean sharedMeters, GenesysSettingNames settingNames,
			ClientRegistration registration, Supplier<ClientRegistration> source) {
		GenesysOAuthProperties.Retry retry = this.properties.getRetry();
		GenesysAccessTokensBuilder tokens = GenesysAccessTokens.builder(registration)
			.registrationSource(source)
			.orgName(name)
			.settingNames(settingNames);
		Shared shared = this.shared.obtain();
		// reactive where WebClient carries token requests, blocking where RestClient does; on the org's own route
		// where it has one
		GenesysTokenResponseClient own = this.ownTransports.apply(name);
		GenesysTokenResponseClient transport = (own != null) ? own : shared.transport();
		if (transport != null) {
			transport.applyTo(tokens);
		}
		GenesysTokenObservationConvention convention = shared.convention();
		if (sharedMeters) {
			convention = new SharedLabelConvention(
					(convention != null) ? convention : DefaultGenesysTokenObservationConvention.INSTANCE);
		}
		return tokens.refreshBeforeExpiry(this.properties.getRefreshBeforeExpiry())
			.tokenRequestTimeout(this.properties.getTokenRequestTimeout())
			.maxAttempts(retry.getMaxAttempts())
			.initialBackoff(retry.getInitialBackoff())
			.maxBackoff(retry.getMaxBackoff())
			.maxRefusalBackoff(retry.getMaxRefusalBackoff())
			.rateLimit(GenesysPropertiesResolver.rateLimitSettings(this.properties))
			.clock(this.clock)
			.observationRegistry(shared.observationRegistry())
			.observationConvention(convention)
			.build();
	}

	/** An org's call policy; warns when its token and API hosts belong to different regions. */
	GenesysApiCallPolicy policy(GenesysAccessTokens tokens, URI apiBaseUrl, GenesysRetryListener listener) {
		String mismatch = new GenesysEndpoints(tokens.tokenUri(), apiBaseUrl)
			.regionMismatch();
		if (mismatch != null) {
			// a warning, not a failure: the token URI may come from a user's own registration, checked only here
			logger.warn("Genesys org '" + tokens.orgName() + "': " + mismatch);
		}
		return GenesysApiCallPolicy.builder(tokens, apiBaseUrl)
			.retry(GenesysPropertiesResolver.retrySettings(this.properties))
			.settingNames(GenesysPropertiesResolver.sharedNames())
			.listener(listener)
			.clock(this.clock)
			.followRedirects(this.followRedirects)
			.build();
	}

	/** How {@link GenesysOrgs} makes a named org's parts: its token source, its observer's watch and its policy. */
	GenesysOrgAssembler forOrgs(ObjectProvider<GenesysOrgObserver> observers,
			Supplier<GenesysRetryListener> userListeners) {
		boolean tagRunTimeOrgs = this.properties.getMetrics().isTagRunTimeOrgs();
		SingletonSupplier<GenesysOrgObserver> observer = SingletonSupplier
			.of(() -> observers.getIfAvailable(() -> GenesysOrgObserver.NONE));
		SingletonSupplier<GenesysRetryListener> users = SingletonSupplier.of(userListeners);
		return (name, runTime, apiBaseUrl, registration) -> {
			boolean sharedSeries = runTime && !tagRunTimeOrgs;
			GenesysAccessTokens tokens = tokens(name, sharedSeries, GenesysPropertiesResolver.settingNames(name, runTime),
					registration.get(), registration);
			GenesysOrgObserver.Watch watch = observer.obtain().observe(name, sharedSeries, tokens);
			GenesysRetryListener listener = GenesysRetryListener.all(List.of(watch.retryListener(), users.obtain()));
			return new GenesysOrgAssembler.Assembled(policy(tokens, apiBaseUrl, listener), watch);
		};
	}

	/** The beans every org's token source is made with. */
	private record Shared(@Nullable GenesysTokenResponseClient transport, ObservationRegistry observationRegistry, @Nullable GenesysTokenObservationConvention convention) {
	}

	/** Tags a run-time org's token requests like all the others, so that many orgs make one series. */
	private static final class SharedLabelConvention implements GenesysTokenObservationConvention {

		private final GenesysTokenObservationConvention delegate;

		SharedLabelConvention(GenesysTokenObservationConvention delegate) {
			this.delegate = delegate;
		}

		@Override
		public @Nullable String getName() {
			return this.delegate.getName();
		}

		@Override
		public @Nullable String getContextualName(GenesysTokenRequestContext context) {
			return this.delegate.getContextualName(context);
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(GenesysTokenRequestContext context) {
			return this.delegate.getLowCardinalityKeyValues(context)
				.and(TokenRequestKeys.ORG.withValue(SHARED_LABEL), TokenRequestKeys.CLIENT.withValue(SHARED_LABEL));
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(GenesysTokenRequestContext context) {
			return this.delegate.getHighCardinalityKeyValues(context);
		}

	}

}
