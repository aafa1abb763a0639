package io.github.genesysoauth.autoconfigure;

import io.github.genesysoauth.org.InvalidGenesysPropertyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a wrong {@code genesys.oauth.*} property: what is wrong, and what to set.
 */
class InvalidGenesysPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidGenesysPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidGenesysPropertyException cause) {
		return new FailureAnalysis("The Genesys Cloud client could not be configured: " + cause.getProblem(),
				cause.getAction(), cause);
	}

}
