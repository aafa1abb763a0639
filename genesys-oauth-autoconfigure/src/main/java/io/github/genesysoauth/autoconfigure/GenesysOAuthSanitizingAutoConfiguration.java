package io.github.genesysoauth.autoconfigure;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Masks {@code genesys.oauth.client-secret} in {@code /actuator/env} and {@code /actuator/configprops} whatever
 * their {@code show-values} say, where Actuator is on the classpath. Active even with
 * {@code genesys.oauth.enabled=false}: the secret may still be in the environment.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class GenesysOAuthSanitizingAutoConfiguration {

	/** Name of the sanitizing function bean. */
	public static final String SANITIZING_FUNCTION_BEAN = "genesysSecretSanitizingFunction";

	@Bean(name = SANITIZING_FUNCTION_BEAN)
	@ConditionalOnMissingBean(name = SANITIZING_FUNCTION_BEAN)
	GenesysSecretSanitizingFunction genesysSecretSanitizingFunction(Environment environment) {
		return new GenesysSecretSanitizingFunction(environment);
	}

}
