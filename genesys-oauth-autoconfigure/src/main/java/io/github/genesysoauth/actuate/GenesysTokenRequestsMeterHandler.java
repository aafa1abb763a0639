package io.github.genesysoauth.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.genesysoauth.token.GenesysTokenRequestContext;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * Turns the {@code genesys.oauth.token.requests} observation into its timer, with exactly the convention's tags.
 *
 * <p>Micrometer's {@code DefaultMeterObservationHandler} would add its own {@code error} tag, the exception's class
 * name, over the convention's {@code error} tag ({@code invalid_client}, {@code timeout}, ...). Boot lets the first
 * meter handler that supports a context handle it, so this one, ordered first, takes token requests and leaves
 * every other observation to the default handler.
 */
public final class GenesysTokenRequestsMeterHandler implements MeterObservationHandler<GenesysTokenRequestContext> {

	private final MeterRegistry registry;

	/**
	 * Creates the handler.
	 * @param registry where the timer goes
	 */
	public GenesysTokenRequestsMeterHandler(MeterRegistry registry) {
		this.registry = Objects.requireNonNull(registry, "registry");
	}

	@Override
	public void onStart(GenesysTokenRequestContext context) {
		context.put(Timer.Sample.class, Timer.start(this.registry));
	}

	@Override
	public void onStop(GenesysTokenRequestContext context) {
		List<Tag> tags = new ArrayList<>();
		for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
			tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
		}
		Timer.Sample sample = context.getRequired(Timer.Sample.class);
		sample.stop(Timer.builder(context.getName())
			.description("Token requests to the Genesys Cloud login service")
			.tags(tags)
			.register(this.registry));
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof GenesysTokenRequestContext;
	}

}
