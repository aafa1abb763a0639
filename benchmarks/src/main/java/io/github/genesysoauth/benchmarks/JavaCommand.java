package io.github.genesysoauth.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM the benchmarks fork: this JVM's {@code java}, so that the forked one measures the same
 * runtime; for the start-up runs (6) and the many-orgs run with Micrometer (12 to 15).
 */
final class JavaCommand {

	private JavaCommand() {
	}

	static List<String> of(String classPath, List<String> options, Class<?> main, String... args) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(options);
		command.add("-cp");
		command.add(classPath);
		command.add(main.getName());
		command.addAll(List.of(args));
		return command;
	}

}
