package io.github.genesysoauth.sample;

import java.util.Map;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With no Genesys client id configured, starts the embedded Genesys Cloud stand-in and points
 * {@code genesys.oauth.*} at it, so that the sample runs on a machine with nothing but a JDK.
 */
class StandInEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE = "genesysCloudStandIn";

	private final Log logger;

	StandInEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(StandInEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after application.yml is read, so that genesys.oauth.client-id is resolved
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (StringUtils.hasText(environment.getProperty("genesys.oauth.client-id"))
				|| environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		GenesysCloudStandIn standIn = GenesysCloudStandIn.start();
		environment.getPropertySources()
			.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.copyOf(standIn.properties())));
		application.addListeners((ApplicationListener<ApplicationEvent>) (event) -> {
			if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
				standIn.close();
			}
		});
		this.logger.info("GENESYS_CLIENT_ID is not set: using the embedded Genesys Cloud stand-in at "
				+ standIn.baseUrl() + " (no Genesys org needed; set GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET and "
				+ "GENESYS_REGION to use Genesys Cloud)");
	}

}
