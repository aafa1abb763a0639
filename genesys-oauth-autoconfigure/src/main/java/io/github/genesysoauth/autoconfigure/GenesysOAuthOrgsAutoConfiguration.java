package io.github.genesysoauth.autoconfigure;

import java.time.Clock;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysRetryListener;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgObserver;
import io.github.genesysoauth.org.GenesysOrgSettingsProvider;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.GenesysOrgsBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of {@code genesysOrgs}, the registry of every Genesys org: the default one of
 * {@link GenesysOAuthAutoConfiguration}, the named ones of {@code genesys.oauth.orgs.<name>.*} (checked at start-up),
 * and those registered at run time or found by the application's {@link GenesysOrgSettingsProvider}. The orgs'
 * WebClients and SDK clients are the beans {@code genesysOrgWebClients} and {@code genesysOrgApiClients}, configured
 * with their styles.
 */
@AutoConfiguration(after = { GenesysOAuthAutoConfiguration.class, GenesysOAuthRestClientAutoConfiguration.class })
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORG_ASSEMBLY_BEAN)
public final class GenesysOAuthOrgsAutoConfiguration {

	@Bean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
	@Fallback
	@ConditionalOnMissingBean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
	GenesysOrgs genesysOrgs(GenesysOAuthProperties properties, ConfigurableListableBeanFactory beanFactory,
			@Qualifier(GenesysOAuthAutoConfiguration.ORG_ASSEMBLY_BEAN) GenesysOrgAssembly genesysOrgAssembly,
			ObjectProvider<GenesysOrgSettingsProvider> provider,
			@Qualifier(GenesysOAuthAutoConfiguration.ORG_OBSERVER_BEAN) ObjectProvider<GenesysOrgObserver> observer,
			ObjectProvider<GenesysRetryListener> retryListeners,
			@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) ObjectProvider<GenesysApiCallPolicy> defaultPolicy,
			@Qualifier(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN) ObjectProvider<RestClient> defaultRestClient,
			ObjectProvider<RestClient.Builder> restClientBuilder,
			@Qualifier(GenesysOAuthAutoConfiguration.CLOCK_BEAN) ObjectProvider<Clock> clock) {
		GenesysPropertiesResolver.checkShared(properties);
		GenesysOrgsBuilder orgs = GenesysOrgs
			.builder(genesysOrgAssembly.forOrgs(observer,
					() -> GenesysOAuthAutoConfiguration.listenerOf(retryListeners)),
					() -> GenesysOAuthRestClientAutoConfiguration.builderFrom(restClientBuilder))
			// by route: one HTTP client for the orgs of each proxy and trust
			.restClientBuilders(GenesysTransports.routedRestClientBuilders(
					() -> GenesysOAuthRestClientAutoConfiguration.builderFrom(restClientBuilder), beanFactory))
			// two providers fail start-up: which one finds an org is not to be guessed
			.provider(provider.getIfAvailable())
			.idleTimeout(properties.getOrgIdleTimeout())
			.lookupTimeout(properties.getTokenRequestTimeout())
			.clock(clock.getIfAvailable(Clock::systemUTC))
			.settingNames(GenesysPropertiesResolver::configuredNames);
		GenesysPropertiesResolver.namedOrgs(properties).forEach(orgs::configured);
		// the default org's beans are lazy: looked up when the default org is first used, not now
		if (beanFactory.containsBean(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN)) {
			orgs.defaultOrg(GenesysOrg.ofDefault(defaultPolicy::getObject, defaultRestClient::getObject));
		}
		return orgs.build();
	}

}
