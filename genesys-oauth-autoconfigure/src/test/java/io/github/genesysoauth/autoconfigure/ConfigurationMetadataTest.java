package io.github.genesysoauth.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.github.genesysoauth.region.GenesysRegion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** What an IDE and Spring Boot read from the jar: generated at build time, on every JDK. */
class ConfigurationMetadataTest {

	@Test
	void describesEveryPropertyWithItsDefault() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");

		List<String> names = metadata.get("properties").valueStream().map((p) -> p.get("name").asString()).toList();
		assertThat(names).containsExactlyInAnyOrder("genesys.oauth.enabled", "genesys.oauth.client-id",
				"genesys.oauth.client-secret", "genesys.oauth.region", "genesys.oauth.domain", "genesys.oauth.token-uri",
				"genesys.oauth.api-base-url", "genesys.oauth.scopes", "genesys.oauth.refresh-before-expiry",
				"genesys.oauth.token-request-timeout", "genesys.oauth.retry.max-attempts",
				"genesys.oauth.retry.max-retry-after", "genesys.oauth.retry.initial-backoff",
				"genesys.oauth.retry.max-backoff", "genesys.oauth.retry.max-refusal-backoff",
				"genesys.oauth.rate-limit.mode", "genesys.oauth.rate-limit.requests-per-minute",
				"genesys.oauth.rate-limit.max-wait", "genesys.oauth.metrics.enabled", "genesys.oauth.metrics.tag-run-time-orgs", "genesys.oauth.orgs",
				"genesys.oauth.org-idle-timeout", "genesys.oauth.proxy.host", "genesys.oauth.proxy.port",
				"genesys.oauth.proxy.username", "genesys.oauth.proxy.password", "genesys.oauth.proxy.non-proxy-hosts",
				"genesys.oauth.ssl.bundle", "genesys.oauth.login.proxy.host", "genesys.oauth.login.proxy.port",
				"genesys.oauth.login.proxy.username", "genesys.oauth.login.proxy.password",
				"genesys.oauth.login.proxy.non-proxy-hosts", "genesys.oauth.login.ssl.bundle",
				"management.health.genesys.enabled",
				"management.health.genesys.cache-time", "management.health.genesys.token-info-probe");
		metadata.get("properties")
			.valueStream()
			.forEach((property) -> assertThat(property.path("description").asString("")).as(property.get("name").asString())
				.isNotBlank());
		assertThat(defaultOf(metadata, "genesys.oauth.region")).isEqualTo("us-east-1");
		assertThat(defaultOf(metadata, "genesys.oauth.refresh-before-expiry")).isEqualTo("60s");
		assertThat(defaultOf(metadata, "genesys.oauth.token-request-timeout")).isEqualTo("10s");
		assertThat(defaultOf(metadata, "genesys.oauth.enabled")).isEqualTo("true");
		assertThat(defaultOf(metadata, "genesys.oauth.retry.max-attempts")).isEqualTo("3");
		assertThat(defaultOf(metadata, "genesys.oauth.retry.max-retry-after")).isEqualTo("60s");
		assertThat(defaultOf(metadata, "genesys.oauth.retry.initial-backoff")).isEqualTo("500ms");
		assertThat(defaultOf(metadata, "genesys.oauth.retry.max-backoff")).isEqualTo("1s");
		assertThat(defaultOf(metadata, "genesys.oauth.retry.max-refusal-backoff")).isEqualTo("5m");
		assertThat(defaultOf(metadata, "management.health.genesys.cache-time")).isEqualTo("10s");
		assertThat(defaultOf(metadata, "management.health.genesys.enabled")).isEqualTo("true");
		assertThat(defaultOf(metadata, "genesys.oauth.org-idle-timeout")).isEqualTo("1h");
		assertThat(defaultOf(metadata, "genesys.oauth.rate-limit.mode")).isEqualTo("pace");
		assertThat(defaultOf(metadata, "genesys.oauth.rate-limit.requests-per-minute")).isEqualTo("300");
		assertThat(defaultOf(metadata, "genesys.oauth.rate-limit.max-wait")).isEqualTo("90s");
		assertThat(defaultOf(metadata, "genesys.oauth.metrics.tag-run-time-orgs")).isEqualTo("true");
	}

	// what an IDE shows and what the reference says cannot drift apart: the reference names every property, and its
	// default where the metadata has one
	@Test
	void theReferenceDocumentsEveryPropertyWithItsDefault() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		List<String> reference = Files.readAllLines(Path.of("../docs/properties.md"))
			.stream()
			.filter((line) -> line.startsWith("| `"))
			.toList();

		metadata.get("properties").valueStream().forEach((property) -> {
			String name = property.get("name").asString();
			String row = reference.stream()
				.filter((line) -> line.startsWith("| `" + name + "` |") || line.startsWith("| `" + name + ".<name>"))
				.findFirst()
				.orElse(null);
			assertThat(row).as("docs/properties.md documents %s", name).isNotNull();
			JsonNode defaultValue = property.get("defaultValue");
			if (defaultValue != null && defaultValue.isValueNode()) {
				assertThat(row).as("the default of %s", name).contains("`" + defaultValue.asString() + "`");
			}
		});
	}

	@Test
	void hintsEveryRegionWithItsLocation() throws IOException {
		JsonNode metadata = read("META-INF/spring-configuration-metadata.json");
		JsonNode regionHint = metadata.get("hints")
			.valueStream()
			.filter((hint) -> hint.get("name").asString().equals("genesys.oauth.region"))
			.findFirst()
			.orElseThrow();

		for (GenesysRegion region : GenesysRegion.values()) {
			assertThat(regionHint.get("values").valueStream())
				.anySatisfy((value) -> {
					assertThat(value.get("value").asString()).isEqualTo(region.key());
					assertThat(value.get("description").asString()).contains(region.location(), region.domain());
				});
		}
	}

	@Test
	void publishesAutoConfigurationMetadata() throws IOException {
		Properties metadata = new Properties();
		try (InputStream in = new ClassPathResource("META-INF/spring-autoconfigure-metadata.properties").getInputStream()) {
			metadata.load(in);
		}

		assertThat(metadata).containsKey(GenesysOAuthAutoConfiguration.class.getName() + ".ConditionalOnClass");
		// read by Boot's import filter, so that these are skipped before their conditions' classes are loaded
		assertThat(metadata.getProperty(GenesysOAuthHealthAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.health.contributor.ReactiveHealthIndicator");
		assertThat(metadata.getProperty(GenesysOAuthMetricsAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("io.micrometer.core.instrument.MeterRegistry");
		assertThat(metadata.getProperty(GenesysOAuthSanitizingAutoConfiguration.class.getName() + ".ConditionalOnClass"))
			.isEqualTo("org.springframework.boot.actuate.endpoint.SanitizingFunction");
	}

	private static String defaultOf(JsonNode metadata, String name) {
		return metadata.get("properties")
			.valueStream()
			.filter((property) -> property.get("name").asString().equals(name))
			.findFirst()
			.orElseThrow()
			.path("defaultValue")
			.asString();
	}

	private static JsonNode read(String path) throws IOException {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return JsonMapper.builder().build().readTree(in);
		}
	}

}
