package io.github.genesysoauth.org;

import java.net.URI;
import java.util.List;

import io.github.genesysoauth.region.GenesysRegion;
import io.github.genesysoauth.token.GenesysSettingNames;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Settings an application builds for an org (from a database, a vault): checked where they are made, with the
 * messages of the properties, naming the builder's methods; the secret never shown.
 */
class GenesysOrgSettingsTest {

	@Test
	void derivesTheHostsOfTheRegionAndNeverShowsTheSecret() {
		GenesysOrgSettings settings = GenesysOrgSettings.builder()
			.clientId(" acme-client ")
			.clientSecret("acme-secret")
			.region(GenesysRegion.EU_WEST_1)
			.build();

		assertThat(settings.clientId()).isEqualTo("acme-client");
		assertThat(settings.tokenUri()).isEqualTo(URI.create("https://login.mypurecloud.ie/oauth/token"));
		assertThat(settings.apiBaseUrl()).isEqualTo(URI.create("https://api.mypurecloud.ie"));
		assertThat(settings.regionLabel()).isEqualTo("eu-west-1");
		assertThat(settings.clientRegistration("genesys-acme").getScopes()).isEmpty();
		assertThat(settings).hasToString("GenesysOrgSettings[clientId=acme-client, clientSecret=******, "
				+ "tokenUri=https://login.mypurecloud.ie/oauth/token, apiBaseUrl=https://api.mypurecloud.ie]");
	}

	@Test
	void aMistakeNamesTheBuildersMethodOrTheGivenPropertyPrefix() {
		assertThat(catchThrowable(() -> GenesysOrgSettings.builder().clientId("acme-client").build()))
			.isInstanceOf(InvalidGenesysPropertyException.class)
			.hasMessage("clientSecret is not set. Set clientSecret to that OAuth client's secret, preferably from a "
					+ "secret store rather than a committed file.");
		assertThat(catchThrowable(() -> GenesysOrgSettings.builder()
			.settingNames(GenesysSettingNames.of("tenants.", "tenants.acme."))
			.clientId("a")
			.clientSecret("s")
			.domain("https://login.mypurecloud.de")
			.build())).hasMessageStartingWith("tenants.acme.domain 'https://login.mypurecloud.de' is not a Genesys "
					+ "Cloud region domain.");
		assertThat(catchThrowable(() -> GenesysOrgSettings.builder()
			.clientId("a")
			.clientSecret("s")
			.apiBaseUrl(URI.create("http://api.example.com"))
			.build())).hasMessageStartingWith("apiBaseUrl 'http://api.example.com' uses http:// for api.example.com, "
					+ "which is not a loopback host");
	}

	@Test
	void onlyCredentialsDifferingKeepsTheSameEndpoints() {
		GenesysOrgSettings first = GenesysOrgSettings.builder().clientId("a").clientSecret("s").build();
		GenesysOrgSettings rotated = GenesysOrgSettings.builder().clientId("a").clientSecret("rotated").build();
		GenesysOrgSettings scoped = GenesysOrgSettings.builder()
			.clientId("a")
			.clientSecret("s")
			.scopes(List.of("analytics"))
			.build();

		assertThat(first.sameEndpoints(rotated)).isTrue();
		assertThat(first).isNotEqualTo(rotated);
		assertThat(first.sameEndpoints(scoped)).isFalse();
	}

}
