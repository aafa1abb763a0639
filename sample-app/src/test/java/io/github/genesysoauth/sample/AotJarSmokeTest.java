package io.github.genesysoauth.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The packaged jar, started as the README says but with {@code -Dspring.aot.enabled=true}, so that it runs the bean
 * definitions Spring AOT generated at build time instead of the auto-configurations' conditions. Runs after
 * {@code package} (the surefire execution {@code aot-jar} of this module's pom), never in the ordinary test phase.
 */
class AotJarSmokeTest {

	private static final Pattern STARTED = Pattern.compile("Tomcat started on port (\\d+)");

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static Process sample;

	private static Path log;

	private static String base;

	@BeforeAll
	static void startTheAotProcessedJar() throws Exception {
		// set by the execution aot-jar only: a -Dtest run of the ordinary test phase has no jar yet
		String packaged = System.getProperty("genesys.sample.aot-jar");
		assumeTrue(packaged != null, "runs in surefire execution aot-jar, after package");
		Path jar = Paths.get(packaged);
		assertThat(jar).exists();
		log = Files.createTempFile("genesys-oauth-sample-aot", ".log");
		String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
		sample = new ProcessBuilder(List.of(java, "-Dspring.aot.enabled=true", "-jar", jar.toString(),
				"--spring.profiles.active=stand-in", "--server.port=0", "--server.address=127.0.0.1"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		Instant deadline = Instant.now().plusSeconds(90);
		while (base == null) {
			String output = Files.readString(log);
			Matcher started = STARTED.matcher(output);
			if (started.find()) {
				base = "http://127.0.0.1:" + started.group(1);
			}
			else if (!sample.isAlive() || Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("The AOT-processed sample did not start:\n" + output);
			}
			else {
				Thread.sleep(200);
			}
		}
		assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");
	}

	@AfterAll
	static void stop() throws Exception {
		if (sample != null) {
			sample.destroy();
			sample.waitFor();
		}
	}

	@Test
	void servesTheOrganizationInEveryStyle() throws Exception {
		for (String path : List.of("/organization", "/organization/blocking", "/organization/interface",
				"/orgs/default/organization")) {
			HttpResponse<String> response = get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.body()).as(path).contains("\"name\":\"Stand-in Organization\"");
		}
	}

	@Test
	void servesANamedOrgBoundFromProperties() throws Exception {
		HttpResponse<String> response = get("/orgs/second/organization");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains(StandInEnvironmentPostProcessor.SECOND_ORGANIZATION);
	}

	@Test
	void reportsHealthAndMetricsPerOrg() throws Exception {
		HttpResponse<String> health = get("/actuator/health/genesys");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"default\"").contains("\"second\"");
		get("/organization");
		HttpResponse<String> prometheus = get("/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("genesys_oauth_token_requests_seconds_count{")
			.contains("org=\"second\"");
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
