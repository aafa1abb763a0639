package io.github.genesysoauth.autoconfigure;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code genesysApiClient}: there with Genesys's Java SDK on the classpath, built only when first asked for, backing
 * off for an application's own, and absent (with everything else unchanged) without the SDK or the starter's
 * {@code genesysRestClient}.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysOAuthSdkAutoConfigurationTest {

	private static GenesysCloudStandIn genesys;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(GenesysAutoConfigurations.clients(RestClientAutoConfiguration.class,
				GenesysOAuthSdkAutoConfiguration.class));

	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@Test
	void registersGenesysApiClientBuiltOnlyWhenFirstAskedFor() {
		this.runner.withPropertyValues(genesys.propertyValues()).run((context) -> {
			assertThat(context.getBeanFactory().containsSingleton("genesysApiClient")).isFalse();
			assertThat(context).hasNotFailed().hasBean(GenesysOAuthSdkAutoConfiguration.API_CLIENT_BEAN);

			ApiClient client = context.getBean("genesysApiClient", ApiClient.class);

			assertThat(client.getBasePath()).isEqualTo(genesys.apiBaseUrl().toString());
			assertThat(client.getShouldRefreshAccessToken()).isFalse();
			assertThat(new OrganizationApi(client).getOrganizationsMe().getName()).isEqualTo("Stand-in Organization");
			assertThat(genesys.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void backsOffForAnApplicationsGenesysApiClient() {
		ApiClient own = ownApiClient();
		this.runner.withPropertyValues(genesys.propertyValues())
			.withBean("genesysApiClient", ApiClient.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(ApiClient.class);
				assertThat(context.getBean("genesysApiClient")).isSameAs(own);
			});
	}

	@Test
	void leavesAnApplicationsOwnApiClientTheOneInjectedByType() {
		ApiClient own = ownApiClient();
		this.runner.withPropertyValues(genesys.propertyValues())
			.withBean("apiClient", ApiClient.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("genesysApiClient");
				assertThat(context.getBean(ApiClient.class)).isSameAs(own);
				assertThat(context.getBean("genesysApiClient", ApiClient.class).getBasePath())
					.isEqualTo(genesys.apiBaseUrl().toString());
			});
	}

	@Test
	void isAbsentWithoutTheSdkOnTheClasspathAndTheRestStaysAsItWas() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withClassLoader(new FilteredClassLoader(ApiClient.class))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean("genesysApiClient")
					.hasBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN)
					.hasBean(GenesysOAuthAutoConfiguration.ACCESS_TOKENS_BEAN);
			});
	}

	@Test
	void isAbsentWhenTheStarterIsSwitchedOff() {
		this.runner.withPropertyValues(genesys.propertyValues())
			.withPropertyValues("genesys.oauth.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("genesysApiClient"));
	}

	// an application's own client, as SDK users build it today
	private static ApiClient ownApiClient() {
		return ApiClient.Builder.standard().withBasePath("https://api.mypurecloud.de").build();
	}

}
