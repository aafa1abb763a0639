package io.github.genesysoauth.autoconfigure;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.client.GenesysApiExchangeFilter;
import io.github.genesysoauth.org.GenesysOrgWebClients;
import io.github.genesysoauth.org.GenesysOrgs;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where WebClient is on the classpath: the default org's reactive Platform API client {@code genesysWebClient}, and
 * {@code genesysOrgWebClients}, every org's. Token requests travel over WebClient too, but are configured with the
 * tokens ({@link GenesysOAuthAutoConfiguration}), so that excluding this leaves them on Boot's HTTP client settings.
 *
 * <p>{@code genesysWebClient} is a {@link Fallback} bean: injected by type only where the application has no
 * {@code WebClient} of its own, so adding the starter never makes an application's own one ambiguous;
 * {@code @Qualifier("genesysWebClient")} always finds it.
 */
@AutoConfiguration(after = GenesysOAuthAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORG_ASSEMBLY_BEAN)
public final class GenesysOAuthWebClientAutoConfiguration {

	/** Name of the bean that gives every org's WebClient. */
	public static final String ORG_WEB_CLIENTS_BEAN = "genesysOrgWebClients";

	@Bean(name = GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN)
	@Lazy
	@Fallback
	@Conditional(DefaultOrgCondition.class)
	@ConditionalOnMissingBean(name = GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN)
	WebClient genesysWebClient(
			@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) GenesysApiCallPolicy genesysApiCallPolicy,
			ObjectProvider<WebClient.Builder> webClientBuilder, BeanFactory beanFactory) {
		return builderFrom(webClientBuilder, beanFactory).baseUrl(genesysApiCallPolicy.apiBaseUrl().toString())
			.filter(GenesysApiExchangeFilter.of(genesysApiCallPolicy))
			.build();
	}

	// Every org's WebClient; an org's is made on its first use from the connector of its route (see GenesysTransports).
	@Bean(name = ORG_WEB_CLIENTS_BEAN)
	@Lazy
	@Fallback
	@ConditionalOnMissingBean(name = ORG_WEB_CLIENTS_BEAN)
	GenesysOrgWebClients genesysOrgWebClients(@Qualifier(GenesysOAuthAutoConfiguration.ORGS_BEAN) GenesysOrgs genesysOrgs,
			@Qualifier(GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN) ObjectProvider<WebClient> defaultWebClient,
			ObjectProvider<WebClient.Builder> webClientBuilder, BeanFactory beanFactory) {
		return new GenesysOrgWebClients(genesysOrgs, defaultWebClient::getIfAvailable, GenesysTransports
			.routedWebClientBuilders(() -> webClientBuilder.getIfAvailable(WebClient::builder).clone(), beanFactory));
	}

	// Boot's builder is a prototype carrying its customizers (codecs, connector, observations); cloned anyway, as an
	// application may have replaced it with a shared one that must not collect this client's filter. Its connector
	// follows no redirect: the call policy does, and token requests never do.
	static WebClient.Builder builderFrom(ObjectProvider<WebClient.Builder> webClientBuilder,
			BeanFactory beanFactory) {
		return GenesysTransports.withoutRedirects(webClientBuilder.getIfAvailable(WebClient::builder).clone(),
				beanFactory);
	}

}
