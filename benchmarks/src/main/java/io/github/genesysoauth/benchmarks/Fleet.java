package io.github.genesysoauth.benchmarks;

import java.util.function.IntConsumer;

import static io.github.genesysoauth.benchmarks.Report.format;

/**
 * Orgs {@code <prefix>-0} to {@code <prefix>-<size - 1>}, each with a client id and secret of its own, made anew
 * from the number at each use, so that the benchmark holds nothing per org that the heap would count. Made by
 * {@link OrgFleets#fleet}, which numbers them.
 */
record Fleet(String prefix, int number, int size) {

	String name(int i) {
		return this.prefix + "-" + i;
	}

	// a Genesys client id is a UUID
	String clientId(int i) {
		return format("%08x-0000-4000-8000-%012x", this.number, i);
	}

	// and its secret 43 characters
	String secret(int i) {
		return format("secret-%036d", i);
	}

	void forEach(IntConsumer action) {
		for (int i = 0; i < this.size; i++) {
			action.accept(i);
		}
	}

}
