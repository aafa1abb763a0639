package io.github.genesysoauth.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every rule the starter checks its properties by, broken in an {@code application.yml}: start-up fails with a
 * report that names the property, its value (never a secret's) and the file and line it was set in, with what to
 * set instead. Through a real start-up, so that the report is the one a user reads.
 */
@ExtendWith(OutputCaptureExtension.class)
class PropertyOriginsTest {

	private static final String CREDENTIALS = "  client-id: id|  client-secret: do-not-print-me|";

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = ';', textBlock = """
			client-id;                       '  client-id: \"\"|  client-secret: do-not-print-me|'; 1; genesys.oauth.client-id is not set.
			client-secret;                   '  client-id: id|  client-secret: \"  \"|'; 2; genesys.oauth.client-secret is not set.
			domain;                          'CREDENTIALS  domain: https://login.mypurecloud.de|'; 3; is not a Genesys Cloud region domain.
			domain and region;               'CREDENTIALS  region: eu-west-1|  domain: mypurecloud.de|'; 4; conflicts with genesys.oauth.region 'eu-west-1'
			token-uri not absolute;          'CREDENTIALS  token-uri: /oauth/token|'; 3; is not an absolute https:// URL.
			token-uri over http;             'CREDENTIALS  token-uri: http://login.mypurecloud.com/oauth/token|'; 3; which is not a loopback host
			api-base-url over http;          'CREDENTIALS  api-base-url: http://10.0.0.8:8080|'; 3; which is not a loopback host
			refresh-before-expiry;           'CREDENTIALS  refresh-before-expiry: 0s|'; 3; must be a positive duration.
			token-request-timeout;           'CREDENTIALS  token-request-timeout: -5s|'; 3; must be a positive duration.
			org-idle-timeout;                'CREDENTIALS  org-idle-timeout: 0s|'; 3; must be a positive duration.
			retry.max-attempts;              'CREDENTIALS  retry:|    max-attempts: 0|'; 4; must be at least 1.
			retry.max-retry-after;           'CREDENTIALS  retry:|    max-retry-after: -1s|'; 4; must not be negative.
			retry.initial-backoff;           'CREDENTIALS  retry:|    initial-backoff: 0ms|'; 4; must be a positive duration.
			retry.max-backoff;               'CREDENTIALS  retry:|    max-backoff: 0ms|'; 4; must be a positive duration.
			retry.max-refusal-backoff;       'CREDENTIALS  retry:|    max-refusal-backoff: 0s|'; 4; must be a positive duration.
			orgs.default.client-id;          '  orgs:|    default:|      client-id: acme|'; 3; is not a usable org name
			orgs.acme.client-secret;         '  orgs:|    acme:|      client-id: acme|      client-secret: \"\"|'; 4; genesys.oauth.orgs.acme.client-secret is not set.
			orgs.acme.region;                '  orgs:|    acme:|      client-id: acme|      client-secret: s|      region: eu-west-1|      domain: mypurecloud.de|'; 6; conflicts with genesys.oauth.orgs.acme.region
			""")
	void aBrokenPropertyIsReportedWithItsFileAndLine(String rule, String yaml, int line, String problem,
			@TempDir Path dir, CapturedOutput output) throws IOException {
		String property = property(rule);
		Path file = dir.resolve("application.yml");
		Files.writeString(file, "genesys:\n  oauth:\n" + yaml.replace("CREDENTIALS", CREDENTIALS)
			.replace("|", "\n")
			.lines()
			.map((entry) -> "  " + entry)
			.reduce("", (all, entry) -> all + entry + "\n"));

		assertThatException().isThrownBy(() -> run(file));

		String report = output.getOut() + output.getErr();
		assertThat(report).contains("APPLICATION FAILED TO START")
			.contains("The Genesys Cloud client could not be configured: ")
			.contains(problem)
			.contains("Property: " + property)
			.doesNotContain("do-not-print-me");
		// the line (counted from 1, the file's two opening lines included) and column of the value
		assertThat(report).containsPattern(Pattern.compile("Origin: .*application\\.yml.* - " + (line + 2) + ":\\d+"));
		assertThat(report.contains("Value: ")).as("a value is shown unless it is a secret")
			.isEqualTo(!property.endsWith("client-secret"));
	}

	@Test
	void aBrokenEnvironmentVariableIsReportedByItsName(CapturedOutput output) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("GENESYS_OAUTH_CLIENT_ID", "id", "GENESYS_OAUTH_CLIENT_SECRET", "do-not-print-me",
									"GENESYS_OAUTH_RETRY_MAXATTEMPTS", "0")));
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setEnvironment(environment);

		assertThatException().isThrownBy(() -> application.run().close());

		assertThat(output.getOut() + output.getErr()).contains("Property: genesys.oauth.retry.max-attempts")
			.contains("Value: \"0\"")
			.contains("Origin: System Environment Property \"GENESYS_OAUTH_RETRY_MAXATTEMPTS\"")
			.doesNotContain("do-not-print-me");
	}

	// the property a rule reports: the last one of its yaml, or the one the rule names
	private static String property(String rule) {
		return "genesys.oauth." + switch (rule) {
			case "domain and region" -> "domain";
			case "token-uri not absolute", "token-uri over http" -> "token-uri";
			case "api-base-url over http" -> "api-base-url";
			case "orgs.acme.region" -> "orgs.acme.domain";
			default -> rule;
		};
	}

	private static void run(Path file) {
		SpringApplication application = new SpringApplication(MinimalApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setDefaultProperties(Map.of("spring.config.location", file.toUri().toString()));
		application.run().close();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class MinimalApplication {

	}

}
