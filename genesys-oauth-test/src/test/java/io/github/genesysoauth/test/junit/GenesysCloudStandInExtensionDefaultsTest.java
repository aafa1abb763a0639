package io.github.genesysoauth.test.junit;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysCloudStandInExtensionDefaultsTest {

	@Test
	void startsAStandInWithGenesysDefaults(GenesysCloudStandIn genesys) {
		assertThat(genesys.clientId()).isEqualTo(GenesysCloudStandIn.DEFAULT_CLIENT_ID);
		assertThat(genesys.baseUrl()).startsWith("http://127.0.0.1:");
		assertThat(genesys.toString()).doesNotContain("stopped");
	}

}
