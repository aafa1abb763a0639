package io.github.genesysoauth.autoconfigure;

import com.mypurecloud.sdk.v2.ApiClient;
import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.sdk.GenesysApiClients;
import io.github.genesysoauth.sdk.GenesysOrgApiClients;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Fallback;
import org.springframework.context.annotation.Lazy;
import org.springframework.web.client.RestClient;

/**
 * Auto-configuration of Genesys's Java SDK, where the application has it ({@code com.mypurecloud:platform-client-v2}):
 * an SDK {@link ApiClient} for the default org whose requests travel through {@code genesysRestClient}, and so carry
 * the org's current token and follow {@code genesysApiCallPolicy} like every other client of the starter.
 *
 * <p>A {@link Fallback} bean, like the starter's other clients: an application that has an {@code ApiClient} of its
 * own keeps getting its own wherever it injects the type; {@code @Qualifier("genesysApiClient")} always finds this
 * one.
 *
 * <p>{@code genesysOrgApiClients} gives the SDK client of every org, named and run-time ones included.
 *
 * @see GenesysApiClients
 */
@AutoConfiguration(after = { GenesysOAuthRestClientAutoConfiguration.class, GenesysOAuthOrgsAutoConfiguration.class })
@ConditionalOnClass(name = "com.mypurecloud.sdk.v2.ApiClient")
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
public final class GenesysOAuthSdkAutoConfiguration {

	/** Name of the Genesys Java SDK client bean. */
	public static final String API_CLIENT_BEAN = "genesysApiClient";

	/** Name of the bean that gives every org's SDK client. */
	public static final String ORG_API_CLIENTS_BEAN = "genesysOrgApiClients";

	// Lazy like the clients it is built on; closed with the context (inferred close()), which releases nothing of
	// the RestClient's.
	@Bean(name = API_CLIENT_BEAN)
	@Lazy
	@Fallback
	@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN)
	@ConditionalOnMissingBean(name = API_CLIENT_BEAN)
	ApiClient genesysApiClient(@Qualifier(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN) RestClient genesysRestClient,
			@Qualifier(GenesysOAuthAutoConfiguration.CALL_POLICY_BEAN) GenesysApiCallPolicy genesysApiCallPolicy) {
		return GenesysApiClients.create(genesysRestClient, genesysApiCallPolicy.apiBaseUrl());
	}

	// Every org's SDK client; an org's is made on its first use, over the org's RestClient.
	@Bean(name = ORG_API_CLIENTS_BEAN)
	@Lazy
	@Fallback
	@ConditionalOnMissingBean(name = ORG_API_CLIENTS_BEAN)
	GenesysOrgApiClients genesysOrgApiClients(@Qualifier(GenesysOAuthAutoConfiguration.ORGS_BEAN) GenesysOrgs genesysOrgs,
			@Qualifier(API_CLIENT_BEAN) ObjectProvider<ApiClient> defaultApiClient) {
		return new GenesysOrgApiClients(genesysOrgs, defaultApiClient::getIfAvailable);
	}

}
