package io.github.genesysoauth.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.testcontainers.DockerClientFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the build says Docker must be there (the GitHub workflow sets {@code GENESYS_OAUTH_REQUIRE_DOCKER=true}), fails
 * when it is not, so that the container tests cannot be skipped there without anyone noticing.
 */
@EnabledIfEnvironmentVariable(named = "GENESYS_OAUTH_REQUIRE_DOCKER", matches = "true")
class DockerAvailabilityTest {

	@Test
	void dockerRunsWhereTheBuildRequiresIt() {
		assertThat(DockerClientFactory.instance().isDockerAvailable())
			.as("a Docker engine, so that the Keycloak and WireMock container tests run")
			.isTrue();
	}

}
