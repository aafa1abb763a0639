package io.github.genesysoauth.sample;

import java.util.LinkedHashMap;
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
import org.springframework.core.env.Profiles;

/**
 * With the {@value #PROFILE} profile active, starts the embedded Genesys Cloud stand-in and points
 * {@code genesys.oauth.*} at it, so that the sample runs on a machine with nothing but a JDK. Only on request: a
 * deployment that lost its Genesys credentials must fail to start, not serve a fake organization.
 *
 * <p>The stand-in also serves a second OAuth client, in an organization of its own, as Genesys serves a second
 * customer: {@code genesys.oauth.orgs.}{@value #SECOND_ORG}{@code .*} point the named org {@value #SECOND_ORG} at it.
 */
class StandInEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROFILE = "stand-in";

	static final String PROPERTY_SOURCE = "genesysCloudStandIn";

	/** Name of the second org, in {@code genesys.oauth.orgs.<name>.*} and in {@code /orgs/<name>/organization}. */
	static final String SECOND_ORG = "second";

	static final String SECOND_CLIENT_ID = "5e1d2f3a-0000-4000-8000-second-client";

	static final String SECOND_ORGANIZATION = "Second Stand-in Organization";

	private final Log logger;

	StandInEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(StandInEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after config data is processed, so that the active profiles are known, wherever they were set
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.acceptsProfiles(Profiles.of(PROFILE))
				|| environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		GenesysCloudStandIn standIn = GenesysCloudStandIn.builder()
			.addClient(SECOND_CLIENT_ID, "second-stand-in-client-secret", SECOND_ORGANIZATION)
			.start();
		Map<String, Object> properties = new LinkedHashMap<>(standIn.properties());
		properties.putAll(standIn.orgProperties(SECOND_ORG, SECOND_CLIENT_ID));
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
		application.addListeners((ApplicationListener<ApplicationEvent>) (event) -> {
			if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
				standIn.close();
			}
		});
		this.logger.info("Profile '" + PROFILE + "' is active: using the embedded Genesys Cloud stand-in at "
				+ standIn.baseUrl() + ", not Genesys Cloud, whatever GENESYS_CLIENT_ID says, for the default org and org '"
				+ SECOND_ORG + "' (no Genesys org needed; run without the profile to use Genesys Cloud)");
	}

}
