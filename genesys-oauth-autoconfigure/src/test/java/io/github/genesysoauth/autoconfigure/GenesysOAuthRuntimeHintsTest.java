package io.github.genesysoauth.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.annotation.ImportRuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

class GenesysOAuthRuntimeHintsTest {

	private final RuntimeHints hints = registeredHints();

	@Test
	void theAutoConfigurationImportsTheStartersHints() {
		ImportRuntimeHints imported = GenesysOAuthAutoConfiguration.class.getAnnotation(ImportRuntimeHints.class);
		assertThat(imported.value()).containsExactly(GenesysOAuthRuntimeHints.class);
	}

	@Test
	void typesProbedByNameAreReachable() {
		for (String type : GenesysOAuthRuntimeHints.PROBED_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection().onType(TypeReference.of(type))).accepts(this.hints);
		}
	}

	@Test
	void propertiesBoundAtRunTimeCanBeBound() {
		assertThat(RuntimeHintsPredicates.reflection().onType(GenesysOrgProperties.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(GenesysOrgProperties.class, "setClientId"))
			.accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(GenesysOAuthProperties.class, "getOrgs"))
			.accepts(this.hints);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new GenesysOAuthRuntimeHints().registerHints(hints, GenesysOAuthRuntimeHintsTest.class.getClassLoader());
		return hints;
	}

}
