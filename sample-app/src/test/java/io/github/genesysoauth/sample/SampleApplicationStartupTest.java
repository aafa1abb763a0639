package io.github.genesysoauth.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/** How the sample decides between the embedded stand-in and Genesys Cloud. */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationStartupTest {

	@Test
	void startsTheStandInAndSaysSoInOneLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.run()) {
			assertThat(output.getOut().lines().filter((line) -> line.contains("Genesys Cloud stand-in")))
				.singleElement()
				.asString()
				.contains("GENESYS_CLIENT_ID is not set: using the embedded Genesys Cloud stand-in at http://127.0.0.1:");
		}
	}

	@Test
	void talksToGenesysCloudWhenGivenCredentials(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.properties("GENESYS_CLIENT_ID=real-client", "GENESYS_CLIENT_SECRET=real-secret",
					"GENESYS_REGION=eu_west_1")
			.run()) {
			ClientRegistration registration = context.getBean("genesysClientRegistration", ClientRegistration.class);

			assertThat(registration.getClientId()).isEqualTo("real-client");
			assertThat(registration.getProviderDetails().getTokenUri())
				.isEqualTo("https://login.mypurecloud.ie/oauth/token");
			assertThat(output).doesNotContain("stand-in").doesNotContain("real-secret");
		}
	}

}
