package io.github.genesysoauth.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's packages are layered {@code region → token → client → org → sdk / actuate → autoconfigure}: a class
 * refers only to its own package and the layers below it, so that no cycle can form and no library layer learns of
 * Spring Boot's configuration; and property names ({@code genesys.oauth.<property>}) are written only in
 * {@code autoconfigure}, which hands the library typed settings. Meter and observation names
 * ({@code genesys.oauth.token.*}) are no property names.
 *
 * <p>A scan of the sources rather than of classes, so that a reference in code that compiles away (a constant) counts
 * too; comments do not count.
 */
class PackageLayersTest {

	private static final Path SOURCES = Path.of("src/main/java/io/github/genesysoauth");

	// the rank of each package: a package may refer to packages of a lower rank only
	private static final Map<String, Integer> LAYERS = Map.of("region", 0, "token", 1, "client", 2, "org", 3, "sdk",
			4, "actuate", 4, "autoconfigure", 5);

	private static final Pattern REFERENCE = Pattern.compile("\\bio\\.github\\.genesysoauth\\.([a-z]+)\\b");

	private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

	// a property of the starter's or of Boot's that the starter reads, not a meter or observation name under
	// genesys.oauth.token.
	private static final Pattern PROPERTY_NAME = Pattern
		.compile("genesys\\.oauth\\.(?!token\\.)|management\\.health\\.genesys|spring\\.http\\.");

	@Test
	void everyPackageOfTheStarterHasALayer() throws IOException {
		try (Stream<Path> packages = Files.list(SOURCES)) {
			assertThat(packages.filter(Files::isDirectory).map((dir) -> dir.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(LAYERS.keySet());
		}
	}

	@Test
	void noClassRefersToItsOwnLayerOrOneAbove() {
		assertThat(sources().flatMap((source) -> upwardReferences(source.pkg(), source.code()).stream()
			.map((problem) -> source.file() + ": " + problem))).isEmpty();
	}

	@Test
	void propertyNamesAreWrittenOnlyInAutoconfigure() {
		assertThat(sources().filter((source) -> !source.pkg().equals("autoconfigure"))
			.flatMap((source) -> propertyNames(source.code()).stream().map((literal) -> source.file() + ": " + literal)))
			.isEmpty();
	}

	@Test
	void theChecksFindWhatTheyLookFor() {
		String org = """
				package io.github.genesysoauth.token;
				// io.github.genesysoauth.org in a comment does not count
				import io.github.genesysoauth.region.GenesysRegion;
				import io.github.genesysoauth.org.GenesysOrgs;
				class Back { String s = "set genesys.oauth.client-id"; String m = "genesys.oauth.token.requests"; }
				""";

		assertThat(upwardReferences("token", strip(org))).containsExactly("refers to io.github.genesysoauth.org");
		assertThat(upwardReferences("sdk", "io.github.genesysoauth.actuate.X x;"))
			.containsExactly("refers to io.github.genesysoauth.actuate");
		assertThat(propertyNames(strip(org))).containsExactly("\"set genesys.oauth.client-id\"");
		assertThat(propertyNames(strip("String m = \"\"\"\n  see spring.http.clients.redirects\n  \"\"\";")))
			.hasSize(1);
	}

	private static List<String> upwardReferences(String pkg, String code) {
		int rank = LAYERS.get(pkg);
		List<String> problems = new ArrayList<>();
		Matcher reference = REFERENCE.matcher(code);
		while (reference.find()) {
			String target = reference.group(1);
			Integer targetRank = LAYERS.get(target);
			boolean allowed = target.equals(pkg) || (targetRank != null && targetRank < rank);
			String problem = "refers to io.github.genesysoauth." + target;
			if (!allowed && !problems.contains(problem)) {
				problems.add(problem);
			}
		}
		return problems;
	}

	private static List<String> propertyNames(String code) {
		List<String> found = new ArrayList<>();
		Matcher literal = STRING.matcher(code);
		while (literal.find()) {
			if (PROPERTY_NAME.matcher(literal.group()).find()) {
				found.add(literal.group());
			}
		}
		return found;
	}

	private static Stream<Source> sources() {
		try {
			List<Path> files;
			try (Stream<Path> walk = Files.walk(SOURCES)) {
				files = walk.filter((file) -> file.toString().endsWith(".java")).toList();
			}
			assertThat(files).hasSizeGreaterThan(50);
			return files.stream().map((file) -> {
				try {
					String pkg = SOURCES.relativize(file).getName(0).toString();
					return new Source(SOURCES.relativize(file).toString(), pkg, strip(Files.readString(file)));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	// the code without its comments, string literals and text blocks kept
	static String strip(String source) {
		StringBuilder code = new StringBuilder(source.length());
		int i = 0;
		while (i < source.length()) {
			char c = source.charAt(i);
			if (source.startsWith("\"\"\"", i)) {
				// a text block: one literal, its lines joined, so that the check of literals sees it
				int end = source.indexOf("\"\"\"", i + 3);
				end = (end < 0) ? source.length() : end + 3;
				String content = source.substring(i + 3, Math.max(i + 3, end - 3));
				code.append('"').append(content.replace('\n', ' ').replace('"', '\'')).append('"');
				i = end;
			}
			else if (c == '"') {
				int end = i + 1;
				while (end < source.length() && source.charAt(end) != '"' && source.charAt(end) != '\n') {
					end += (source.charAt(end) == '\\') ? 2 : 1;
				}
				end = Math.min(end + 1, source.length());
				code.append(source, i, end);
				i = end;
			}
			else if (source.startsWith("//", i)) {
				int end = source.indexOf('\n', i);
				i = (end < 0) ? source.length() : end;
			}
			else if (source.startsWith("/*", i)) {
				int end = source.indexOf("*/", i + 2);
				i = (end < 0) ? source.length() : end + 2;
			}
			else if (c == '\'' && i + 2 < source.length()) {
				int end = source.indexOf('\'', i + ((source.charAt(i + 1) == '\\') ? 3 : 2));
				code.append(source, i, end + 1);
				i = end + 1;
			}
			else {
				code.append(c);
				i++;
			}
		}
		return code.toString();
	}

	private record Source(String file, String pkg, String code) {
	}

}
