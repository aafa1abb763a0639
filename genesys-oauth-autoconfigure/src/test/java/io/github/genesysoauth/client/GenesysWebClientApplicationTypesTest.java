package io.github.genesysoauth.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.junit.GenesysCloudStandInExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * genesysWebClient from plain code, a scheduler's thread and a Reactor pipeline, in non-web, servlet and reactive
 * applications.
 */
@ExtendWith(GenesysCloudStandInExtension.class)
class GenesysWebClientApplicationTypesTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private static GenesysCloudStandIn genesys;

	// started once for the class; healed and zeroed before each test
	@BeforeAll
	static void standIn(GenesysCloudStandIn standIn) {
		genesys = standIn;
	}

	@Test
	void worksInANonWebApplication() {
		run(new ApplicationContextRunner());
	}

	@Test
	void worksInAServletApplication() {
		run(new WebApplicationContextRunner());
	}

	@Test
	void worksInAReactiveApplication() {
		run(new ReactiveWebApplicationContextRunner());
	}

	private void run(AbstractApplicationContextRunner<?, ?, ?> runner) {
		runner.withConfiguration(GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class))
			.withPropertyValues(genesys.propertyValues())
			.run((context) -> callFromEverywhere(((ApplicationContext) context).getBean("genesysWebClient", WebClient.class)));
	}

	private void callFromEverywhere(WebClient client) throws Exception {
		Mono<String> organization = client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class);

		String fromPlainCode = organization.block(WAIT);
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			String fromScheduler = scheduler.schedule(() -> organization.block(WAIT), 10, TimeUnit.MILLISECONDS)
				.get(30, TimeUnit.SECONDS);
			String fromReactor = organization.subscribeOn(Schedulers.parallel())
				.map((body) -> body)
				.toFuture()
				.get(30, TimeUnit.SECONDS);
			String fromCompletableFuture = CompletableFuture.supplyAsync(() -> organization.block(WAIT))
				.get(30, TimeUnit.SECONDS);

			assertThat(new String[] { fromPlainCode, fromScheduler, fromReactor, fromCompletableFuture })
				.allSatisfy((body) -> assertThat(body).contains("\"name\":\"Stand-in Organization\""));
		}
		finally {
			scheduler.shutdownNow();
		}
		assertThat(genesys.tokenRequests()).isEqualTo(1);
		assertThat(genesys.apiRequests()).isEqualTo(4);
	}

}
