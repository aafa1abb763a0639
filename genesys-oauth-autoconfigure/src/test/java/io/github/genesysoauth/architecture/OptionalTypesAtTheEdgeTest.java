package io.github.genesysoauth.architecture;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.genesysoauth.org.GenesysOrg;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every public type of the starter can be reflected over, its public constructors, methods and fields listed (as a
 * framework or a debugger does), in an application without WebClient ({@code spring-webflux}) and without Genesys's
 * SDK, except the few types whose job is WebClient or the SDK: those are listed here, exactly, so that a WebClient or
 * SDK type creeping into another class's public members fails this test.
 *
 * <p>The starter's classes are defined anew by a class loader whose parent hides WebClient, the SDK and the
 * starter's own classes (so that they are not taken from the test's class path, where WebClient is).
 */
class OptionalTypesAtTheEdgeTest {

	// the types whose job is WebClient or the SDK, loaded only where those are on the class path (Boot reads an
	// auto-configuration's conditions with ASM before it loads the class, as it does for its own WebClient one)
	private static final List<String> EDGE = List.of(
			"io.github.genesysoauth.autoconfigure.GenesysOAuthWebClientAutoConfiguration",
			"io.github.genesysoauth.client.GenesysApiExchangeFilter",
			"io.github.genesysoauth.org.GenesysOrgExchangeFilters",
			"io.github.genesysoauth.org.GenesysOrgWebClients",
			"io.github.genesysoauth.sdk.GenesysApiClients",
			"io.github.genesysoauth.sdk.GenesysOrgApiClients",
			"io.github.genesysoauth.token.WebClientTokenResponseClients");

	@Test
	void everyPublicTypeButTheEdgeOnesListsItsPublicMethodsWithoutWebClientOrTheSdk() throws Exception {
		Path classes = Path.of(GenesysOrg.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		Map<String, List<String>> methods = new TreeMap<>();
		List<String> failing = new ArrayList<>();
		try (FilteredClassLoader hidden = new FilteredClassLoader("io.github.genesysoauth.",
				"org.springframework.web.reactive.", "com.mypurecloud.");
				URLClassLoader starter = new URLClassLoader(new URL[] { classes.toUri().toURL() }, hidden)) {
			assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class
				.forName("org.springframework.web.reactive.function.client.WebClient", false, starter));
			assertThat(Class.forName(GenesysOrg.class.getName(), false, starter)).as("defined anew")
				.isNotSameAs(GenesysOrg.class);
			for (String name : classNames(classes)) {
				try {
					Class<?> type = Class.forName(name, false, starter);
					if (isPublic(type)) {
						// public constructors, methods and fields, each with the types of its signature
						methods.put(name, Stream
							.of(Arrays.stream(type.getConstructors()).map(Constructor::toGenericString),
									Arrays.stream(type.getMethods()).map(Method::toGenericString),
									Arrays.stream(type.getFields()).map(Field::toGenericString))
							.flatMap((members) -> members)
							.toList());
					}
				}
				catch (LinkageError | ClassNotFoundException ex) {
					if (isPublicByName(name, classes)) {
						failing.add(name);
					}
				}
			}
		}

		assertThat(failing).as("public types that cannot be reflected over without WebClient and the SDK")
			.containsExactlyInAnyOrderElementsOf(EDGE);
		assertThat(methods).as("public types listed").hasSizeGreaterThan(40);
		assertThat(methods.get(GenesysOrg.class.getName())).anySatisfy((method) -> assertThat(method)
			.contains("org.springframework.web.client.RestClient io.github.genesysoauth.org.GenesysOrg.restClient()"));
		assertThat(methods.values().stream().flatMap(List::stream))
			.noneMatch((method) -> method.contains("org.springframework.web.reactive")
					|| method.contains("com.mypurecloud"));
	}

	private static boolean isPublic(Class<?> type) {
		for (Class<?> enclosing = type; enclosing != null; enclosing = enclosing.getDeclaringClass()) {
			if (!Modifier.isPublic(enclosing.getModifiers())) {
				return false;
			}
		}
		return true;
	}

	// a type that cannot even be loaded: public when the class file says so (its access flags), as do its enclosing
	// types' files for a nested one
	private static boolean isPublicByName(String name, Path classes) throws IOException {
		String outer = name;
		while (true) {
			byte[] file = Files.readAllBytes(classes.resolve(outer.replace('.', '/') + ".class"));
			if (!publicFlag(file)) {
				return false;
			}
			int nested = outer.lastIndexOf('$');
			if (nested < 0) {
				return true;
			}
			outer = outer.substring(0, nested);
		}
	}

	// the access flags follow the constant pool, which must be walked to find them
	private static boolean publicFlag(byte[] file) {
		int count = u2(file, 8);
		int at = 10;
		for (int i = 1; i < count; i++) {
			int tag = file[at] & 0xff;
			switch (tag) {
				case 1 -> at += 3 + u2(file, at + 1);
				case 3, 4, 9, 10, 11, 12, 17, 18 -> at += 5;
				case 5, 6 -> {
					at += 9;
					i++;
				}
				case 7, 8, 16, 19, 20 -> at += 3;
				case 15 -> at += 4;
				default -> throw new IllegalStateException("constant pool tag " + tag);
			}
		}
		return (u2(file, at) & 0x0001) != 0;
	}

	private static int u2(byte[] file, int at) {
		return ((file[at] & 0xff) << 8) | (file[at + 1] & 0xff);
	}

	private static List<String> classNames(Path classes) throws IOException {
		try (Stream<Path> files = Files.walk(classes.resolve("io/github/genesysoauth"))) {
			return files.filter((file) -> file.toString().endsWith(".class"))
				.map((file) -> classes.relativize(file).toString())
				.map((file) -> file.substring(0, file.length() - ".class".length()).replace('/', '.'))
				.filter((name) -> !name.endsWith("package-info"))
				.sorted()
				.collect(Collectors.toList());
		}
	}

}
