package io.github.genesysoauth.region;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GenesysRegionTest {

	// The table of the official SDKs, as GENESYS.md gives it: key, token endpoint, Platform API.
	@ParameterizedTest
	@CsvSource({
			"us-east-1,      https://login.mypurecloud.com/oauth/token,        https://api.mypurecloud.com",
			"eu-west-1,      https://login.mypurecloud.ie/oauth/token,         https://api.mypurecloud.ie",
			"ap-southeast-2, https://login.mypurecloud.com.au/oauth/token,     https://api.mypurecloud.com.au",
			"ap-northeast-1, https://login.mypurecloud.jp/oauth/token,         https://api.mypurecloud.jp",
			"eu-central-1,   https://login.mypurecloud.de/oauth/token,         https://api.mypurecloud.de",
			"us-west-2,      https://login.usw2.pure.cloud/oauth/token,        https://api.usw2.pure.cloud",
			"ca-central-1,   https://login.cac1.pure.cloud/oauth/token,        https://api.cac1.pure.cloud",
			"ap-northeast-2, https://login.apne2.pure.cloud/oauth/token,       https://api.apne2.pure.cloud",
			"eu-west-2,      https://login.euw2.pure.cloud/oauth/token,        https://api.euw2.pure.cloud",
			"ap-south-1,     https://login.aps1.pure.cloud/oauth/token,        https://api.aps1.pure.cloud",
			"us-east-2,      https://login.use2.us-gov-pure.cloud/oauth/token, https://api.use2.us-gov-pure.cloud",
			"sa-east-1,      https://login.sae1.pure.cloud/oauth/token,        https://api.sae1.pure.cloud",
			"me-central-1,   https://login.mec1.pure.cloud/oauth/token,        https://api.mec1.pure.cloud",
			"ap-northeast-3, https://login.apne3.pure.cloud/oauth/token,       https://api.apne3.pure.cloud",
			"eu-central-2,   https://login.euc2.pure.cloud/oauth/token,        https://api.euc2.pure.cloud",
			"mx-central-1,   https://login.mxc1.pure.cloud/oauth/token,        https://api.mxc1.pure.cloud",
			"ap-southeast-1, https://login.apse1.pure.cloud/oauth/token,       https://api.apse1.pure.cloud",
			"eusc-de-east-1, https://login.edee1.eusc-pure.cloud/oauth/token,  https://api.edee1.eusc-pure.cloud" })
	void derivesLoginAndApiHosts(String key, String tokenUri, String apiBaseUrl) {
		GenesysRegion region = Arrays.stream(GenesysRegion.values())
			.filter((candidate) -> candidate.key().equals(key))
			.findFirst()
			.orElseThrow();

		assertThat(region.endpoints().tokenUri()).hasToString(tokenUri);
		assertThat(region.endpoints().apiBaseUrl()).hasToString(apiBaseUrl);
		assertThat(GenesysRegion.ofDomain(region.domain())).contains(region);
	}

	@Test
	void knowsTheEighteenRegionsOfTheOfficialSdks() {
		assertThat(GenesysRegion.values()).hasSize(18);
		assertThat(Arrays.stream(GenesysRegion.values()).map(GenesysRegion::domain).distinct()).hasSize(18);
	}

	@Test
	void derivesHostsFromAnyDomainInLowerCase() {
		GenesysEndpoints endpoints = GenesysEndpoints.forDomain("NEW1.Pure.Cloud");

		assertThat(endpoints.tokenUri()).hasToString("https://login.new1.pure.cloud/oauth/token");
		assertThat(endpoints.apiBaseUrl()).hasToString("https://api.new1.pure.cloud");
		assertThat(GenesysRegion.ofDomain("new1.pure.cloud")).isEmpty();
	}

	@Test
	void findsRegionByDomainIgnoringCase() {
		assertThat(GenesysRegion.ofDomain("MyPureCloud.IE")).contains(GenesysRegion.EU_WEST_1);
	}

}
