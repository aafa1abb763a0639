package io.github.genesysoauth.test.spring;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;

import io.github.genesysoauth.test.GenesysCloudStandIn;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/** Puts a stand-in into the context of a test class annotated {@link AutoConfigureGenesysCloudStandIn}. */
final class GenesysCloudStandInContextCustomizerFactory implements ContextCustomizerFactory {

	static final String BEAN_NAME = "genesysCloudStandIn";

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		AutoConfigureGenesysCloudStandIn annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
				AutoConfigureGenesysCloudStandIn.class);
		return (annotation != null) ? new Customizer(annotation.tokenLifetimeSeconds(),
				annotation.rateLimitPerMinute(), annotation.credentialsRefusedStatus()) : null;
	}

	/** Equal for equal settings, so that Spring's context cache shares contexts between alike test classes. */
	private record Customizer(long tokenLifetimeSeconds, int rateLimitPerMinute, int credentialsRefusedStatus)
			implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			GenesysCloudStandIn standIn = GenesysCloudStandIn.builder()
				.tokenLifetime(Duration.ofSeconds(this.tokenLifetimeSeconds))
				.rateLimitPerMinute(this.rateLimitPerMinute)
				.credentialsRefusedStatus(this.credentialsRefusedStatus)
				.start();
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource(BEAN_NAME, new LinkedHashMap<>(standIn.properties())));
			context.getBeanFactory().registerSingleton(BEAN_NAME, standIn);
			context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> standIn.close());
		}

	}

}
