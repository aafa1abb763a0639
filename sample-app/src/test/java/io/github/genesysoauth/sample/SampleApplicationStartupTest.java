package io.github.genesysoauth.sample;

import io.github.genesysoauth.autoconfigure.GenesysPropertyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** How the sample decides between the embedded stand-in and Genesys Cloud: the profile decides, never a gap. */
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationStartupTest {

	@Test
	void servesTheStandInWithTheProfileEvenWhenGivenCredentialsAndSaysSoInOneLine(CapturedOutput output) {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.properties("GENESYS_CLIENT_ID=real-client", "GENESYS_CLIENT_SECRET=real-secret")
			.run("--spring.profiles.active=stand-in", "--server.port=0")) {
			RestTestClient http = RestTestClient.bindToServer()
				.baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
				.build();

			http.get()
				.uri("/organization")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.name")
				.isEqualTo("Stand-in Organization");
			assertThat(output.getOut().lines().filter((line) -> line.contains("Genesys Cloud stand-in")))
				.singleElement()
				.asString()
				.contains(" INFO ")
				.contains("Profile 'stand-in' is active: using the embedded Genesys Cloud stand-in at http://127.0.0.1:");
		}
	}

	@Test
	void failsToStartWithoutTheProfileAndWithoutCredentials(CapturedOutput output) {
		// closed at once should it start: a started sample is the failure this test looks for
		Throwable failure = catchThrowable(
				() -> SpringApplication.run(SampleApplication.class, "--server.port=0").close());

		assertThat(failure).rootCause()
			.isInstanceOfSatisfying(GenesysPropertyException.class,
					(cause) -> assertThat(cause.getName()).isEqualTo("genesys.oauth.client-id"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"The Genesys Cloud client could not be configured: genesys.oauth.client-id is not set.");
		assertThat(output).doesNotContain("Genesys Cloud stand-in at");
	}

	@Test
	void talksToGenesysCloudWhenGivenCredentials(CapturedOutput output) {
		// Everything at TRACE: at the default INFO nothing at start-up would print the secret even if it were handed
		// to a logger, so its absence below would prove nothing.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class)
			.web(WebApplicationType.NONE)
			.properties("GENESYS_CLIENT_ID=real-client", "GENESYS_CLIENT_SECRET=real-secret",
					"GENESYS_REGION=eu_west_1", "logging.level.root=TRACE")
			.run()) {
			ClientRegistration registration = context.getBean("genesysClientRegistration", ClientRegistration.class);

			assertThat(context.getEnvironment().getPropertySources())
				.noneMatch((source) -> source.getName().equals(StandInEnvironmentPostProcessor.PROPERTY_SOURCE));
			assertThat(registration.getClientId()).isEqualTo("real-client");
			assertThat(registration.getClientSecret()).isEqualTo("real-secret");
			assertThat(registration.getProviderDetails().getTokenUri())
				.isEqualTo("https://login.mypurecloud.ie/oauth/token");
			// the capture saw TRACE output while the registration holding the secret was built
			assertThat(output).contains("Finished creating instance of bean 'genesysClientRegistration'");
			assertThat(output).doesNotContain("stand-in").doesNotContain("real-secret");
		}
	}

}
