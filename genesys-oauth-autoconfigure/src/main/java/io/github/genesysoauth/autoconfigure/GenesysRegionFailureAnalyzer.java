package io.github.genesysoauth.autoconfigure;

import java.util.Arrays;
import java.util.stream.Collectors;

import io.github.genesysoauth.region.GenesysRegion;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a {@code genesys.oauth.region} that is not one of the regions the starter knows, listing those, and
 * pointing at {@code genesys.oauth.domain} for a region newer than the table. Ordered ahead of Spring Boot's own
 * binding report, which would list only the enum's constant names.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class GenesysRegionFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	private static final String PROPERTY = GenesysOAuthProperties.CONFIG_PREFIX + ".region";

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		if (property == null || !PROPERTY.equals(property.getName().toString())) {
			return null;
		}
		String regions = Arrays.stream(GenesysRegion.values())
			.map((region) -> String.format("    %-16s %-24s %s", region.key(), region.domain(), region.location()))
			.collect(Collectors.joining(System.lineSeparator()));
		String origin = (property.getOrigin() != null) ? " (from " + property.getOrigin() + ")" : "";
		return new FailureAnalysis(
				"The Genesys Cloud client could not be configured: genesys.oauth.region '" + property.getValue()
						+ "'" + origin + " is not a Genesys Cloud region the starter knows.",
				"Set genesys.oauth.region to one of these (us-east-1, us_east_1 and US_EAST_1 all work):"
						+ System.lineSeparator() + regions + System.lineSeparator()
						+ "For a region newer than this list, set genesys.oauth.domain to its domain instead "
						+ "(e.g. mxc1.pure.cloud), and leave genesys.oauth.region unset.",
				cause);
	}

}
