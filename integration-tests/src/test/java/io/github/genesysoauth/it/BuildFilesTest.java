package io.github.genesysoauth.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's own build files: the workflow and Dependabot configuration parse as YAML and say what they must,
 * and CI runs exactly the test command the README gives a newcomer.
 */
class BuildFilesTest {

	private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	@Test
	@SuppressWarnings("unchecked")
	void workflowBuildsOnJdk17To25WithDockerCacheAndReportsRunningTheCiScript() throws IOException {
		Map<String, Object> build = ciJob("build");

		assertThat((List<Object>) matrix(build).get("java")).map(String::valueOf).containsExactly("17", "21", "25");
		assertThat(build.get("runs-on")).isEqualTo("ubuntu-latest");
		assertThat((Map<String, Object>) build.get("env")).containsEntry("GENESYS_OAUTH_REQUIRE_DOCKER", "true");
		List<Map<String, Object>> steps = (List<Map<String, Object>>) build.get("steps");
		assertThat(steps).anySatisfy((step) -> assertThat(step.get("run")).isEqualTo("bash .ci/run"));
		assertThat(steps).anySatisfy((step) -> {
			assertThat(String.valueOf(step.get("uses"))).startsWith("actions/setup-java@");
			assertThat((Map<String, Object>) step.get("with")).containsEntry("cache", "maven");
		});
		assertThat(steps).anySatisfy((step) -> {
			assertThat(String.valueOf(step.get("uses"))).startsWith("actions/upload-artifact@");
			assertThat(step.get("if")).isEqualTo("failure()");
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void workflowTestsTheOldestAndNewestSupportedSpringBoot() throws IOException {
		Map<String, Object> matrix = matrix(ciJob("spring-boot"));
		String pom = Files.readString(ROOT.resolve("pom.xml"));
		Matcher bootVersion = Pattern.compile("<spring-boot.version>(.+?)</spring-boot.version>").matcher(pom);
		assertThat(bootVersion.find()).isTrue();

		assertThat((List<Object>) matrix.get("boot")).map(String::valueOf).containsExactly(bootVersion.group(1), "4.1.0");
		assertThat(Files.readString(ROOT.resolve("docs/compatibility.md"))).contains("4.1.0", bootVersion.group(1));
	}

	@Test
	@SuppressWarnings("unchecked")
	void releaseWorkflowRunsOnVersionTagsAndNamesItsSecrets() throws IOException {
		String text = Files.readString(ROOT.resolve(".github/workflows/release.yml"));
		Map<String, Object> workflow = yaml(".github/workflows/release.yml");
		// YAML 1.1 reads the key "on" as true
		Map<String, Object> on = (Map<String, Object>) workflow.getOrDefault("on", workflow.get(true));
		assertThat((List<Object>) ((Map<String, Object>) on.get("push")).get("tags")).containsExactly("v*");

		assertThat(text).contains("-Prelease", "deploy", "bash .ci/run", "versions-maven-plugin", "server-id: central",
				"gh release create");
		assertThat(text).contains("secrets.CENTRAL_TOKEN_USERNAME", "secrets.CENTRAL_TOKEN_PASSWORD",
				"secrets.GPG_PRIVATE_KEY", "secrets.GPG_PASSPHRASE");
	}

	@Test
	void ciRunsTheReadmesTestCommand() throws IOException {
		String readme = Files.readString(ROOT.resolve("README.md"));
		Matcher commands = Pattern.compile("```bash\\n(.+?)\\n```", Pattern.DOTALL).matcher(readme);
		assertThat(commands.find()).as("the README's build-and-run command").isTrue();
		assertThat(commands.find()).as("the README's test command").isTrue();
		String testCommand = commands.group(1).strip();

		String ci = Files.readString(ROOT.resolve(".ci/run"));

		assertThat(testCommand).isEqualTo("./mvnw verify");
		assertThat(ci.lines().map(String::strip)).contains(testCommand);
	}

	@Test
	@SuppressWarnings("unchecked")
	void dependabotWatchesMavenAndActions() throws IOException {
		Map<String, Object> dependabot = yaml(".github/dependabot.yml");

		assertThat((List<Map<String, Object>>) dependabot.get("updates")).extracting((update) -> update.get("package-ecosystem"))
			.containsExactlyInAnyOrder("maven", "github-actions");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> ciJob(String name) throws IOException {
		return (Map<String, Object>) ((Map<String, Object>) yaml(".github/workflows/ci.yml").get("jobs")).get(name);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> matrix(Map<String, Object> job) {
		return (Map<String, Object>) ((Map<String, Object>) job.get("strategy")).get("matrix");
	}

	private static Map<String, Object> yaml(String path) throws IOException {
		return new Yaml().load(Files.readString(ROOT.resolve(path)));
	}

}
