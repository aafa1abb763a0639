package io.github.genesysoauth.actuate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.DefaultGenesysTokenObservationConvention;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import io.github.genesysoauth.token.GenesysTokenObservationConvention;
import io.github.genesysoauth.token.GenesysTokenRequestContext;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The token request observation in a Boot application: its place in the trace, its tags, its replaceable convention. */
class GenesysTokenObservationTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	@Test
	void tokenRequestIsAChildOfTheApiCallAndParentOfItsHttpRequest() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, RecordingApplication.class)) {
			call(context);

			List<Observation.Context> stopped = context.getBean(Recorder.class).stopped;
			Observation.Context token = stopped.stream()
				.filter(GenesysTokenRequestContext.class::isInstance)
				.findFirst()
				.orElseThrow();
			ClientRequestObservationContext tokenHttp = httpContext(stopped, "/oauth/token");
			ClientRequestObservationContext apiHttp = httpContext(stopped, "/api/v2/organizations/me");

			assertThat(tokenHttp.getParentObservation().getContextView()).isSameAs(token);
			assertThat(token.getParentObservation().getContextView()).isSameAs(apiHttp);
			assertThat(token.getLowCardinalityKeyValues()).containsExactlyInAnyOrder(
					io.micrometer.common.KeyValue.of("org", "default"),
					io.micrometer.common.KeyValue.of("client", genesys.clientId()),
					io.micrometer.common.KeyValue.of("outcome", "success"),
					io.micrometer.common.KeyValue.of("error", "none"));
			assertThat(token.getContextualName()).isEqualTo("genesys token request");
		}
	}

	@Test
	void eachRetriedTokenRequestIsObservedWithItsError() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, RecordingApplication.class)) {
			genesys.failTokenRequests(2, TokenFault.status(503));
			call(context);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("genesys.oauth.token.requests").tags("error", "server_error", "outcome", "failure")
				.timer()
				.count()).isEqualTo(2);
			assertThat(meters.get("genesys.oauth.token.requests").tags("error", "none", "outcome", "success")
				.timer()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void aConventionBeanReplacesTheDefaultOne() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, CustomConventionApplication.class)) {
			call(context);

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("genesys.oauth.token.requests").tags("tenant", "acme").timer().count()).isEqualTo(1);
		}
	}

	@Test
	void bootsObservationSwitchTurnsItOff() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, RecordingApplication.class,
						"management.observations.enable.genesys=false")) {
			call(context);

			assertThat(context.getBean(MeterRegistry.class).find("genesys.oauth.token.requests").timer()).isNull();
			assertThat(context.getBean(Recorder.class).stopped).noneMatch(GenesysTokenRequestContext.class::isInstance);
		}
	}

	@Test
	void refusedTokenRequestIsTaggedWithGenesysError() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, RecordingApplication.class,
						"genesys.oauth.client-secret=wrong")) {
			catchThrowableOfType(GenesysAuthenticationException.class, () -> call(context));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("genesys.oauth.token.requests")
				.tags("client", genesys.clientId(), "error", "invalid_client", "outcome", "failure")
				.timer()
				.count()).isEqualTo(1);
		}
	}

	@Test
	void errorTagTakesNoFreeTextFromTheResponse() {
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = start(genesys, RecordingApplication.class)) {
			genesys.failTokenRequests(1, TokenFault.response(400, "application/json",
					"{\"error\":\"session 7f3a-91 expired at node eu-12\",\"error_description\":\"x\"}"));
			catchThrowableOfType(GenesysAuthenticationException.class, () -> call(context));

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("genesys.oauth.token.requests").timers())
				.extracting((timer) -> timer.getId().getTag("error"))
				.containsExactly("other");
		}
	}

	private static ClientRequestObservationContext httpContext(List<Observation.Context> contexts, String path) {
		return contexts.stream()
			.filter(ClientRequestObservationContext.class::isInstance)
			.map(ClientRequestObservationContext.class::cast)
			.filter((context) -> context.getRequest() != null && context.getRequest().url().getPath().equals(path))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no http.client.requests observation for " + path));
	}

	private static void call(ConfigurableApplicationContext context) {
		context.getBean("genesysWebClient", WebClient.class)
			.get()
			.uri("/api/v2/organizations/me")
			.retrieve()
			.bodyToMono(String.class)
			.block(WAIT);
	}

	private static ConfigurableApplicationContext start(GenesysCloudStandIn genesys, Class<?> application,
			String... extra) {
		SpringApplication app = new SpringApplication(application);
		app.setWebApplicationType(WebApplicationType.NONE);
		Map<String, Object> properties = new HashMap<>(genesys.properties());
		properties.put("genesys.oauth.retry.initial-backoff", "1ms");
		for (String pair : extra) {
			String[] parts = pair.split("=", 2);
			properties.put(parts[0], parts[1]);
		}
		app.setDefaultProperties(properties);
		return app.run();
	}

	static final class Recorder implements ObservationHandler<Observation.Context> {

		private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.stopped.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RecordingApplication {

		@Bean
		Recorder recorder() {
			return new Recorder();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CustomConventionApplication {

		@Bean
		GenesysTokenObservationConvention tenantConvention() {
			return new GenesysTokenObservationConvention() {

				@Override
				public String getName() {
					return DefaultGenesysTokenObservationConvention.INSTANCE.getName();
				}

				@Override
				public KeyValues getLowCardinalityKeyValues(GenesysTokenRequestContext context) {
					return DefaultGenesysTokenObservationConvention.INSTANCE.getLowCardinalityKeyValues(context)
						.and("tenant", "acme");
				}

			};
		}

	}

}
