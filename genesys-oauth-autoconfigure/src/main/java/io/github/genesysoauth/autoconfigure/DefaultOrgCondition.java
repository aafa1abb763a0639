package io.github.genesysoauth.autoconfigure;

import io.github.genesysoauth.org.GenesysOrgSettingsProvider;

import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether there is a default org: {@code genesys.oauth.client-id} is set, or the application has its own
 * {@code genesysClientRegistration}, or nothing else is configured (no named orgs, no
 * {@link GenesysOrgSettingsProvider}), in which case start-up fails with the report naming
 * {@code genesys.oauth.client-id}.
 */
final class DefaultOrgCondition extends AnyNestedCondition {

	DefaultOrgCondition() {
		super(ConfigurationPhase.REGISTER_BEAN);
	}

	@Conditional(ClientIdCondition.class)
	static class ClientIdSet {

	}

	@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.CLIENT_REGISTRATION_BEAN)
	static class OwnRegistration {

	}

	@Conditional(NoNamedOrgsCondition.class)
	@ConditionalOnMissingBean(GenesysOrgSettingsProvider.class)
	static class NothingElseConfigured {

	}

	/** {@code genesys.oauth.client-id} has text: an empty one, as {@code ${GENESYS_CLIENT_ID:}} gives, is not set. */
	static final class ClientIdCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String clientId = context.getEnvironment().getProperty(GenesysOAuthProperties.CONFIG_PREFIX + ".client-id");
			return StringUtils.hasText(clientId) ? ConditionOutcome.match("genesys.oauth.client-id is set")
					: ConditionOutcome.noMatch("genesys.oauth.client-id is not set");
		}

	}

	/** No {@code genesys.oauth.orgs.<name>.*} property is set. */
	static final class NoNamedOrgsCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean named = Binder.get(context.getEnvironment())
				.bind(GenesysOAuthProperties.CONFIG_PREFIX + ".orgs",
						Bindable.mapOf(String.class, GenesysOrgProperties.class))
				.map((orgs) -> !orgs.isEmpty())
				.orElse(false);
			return named ? ConditionOutcome.noMatch("genesys.oauth.orgs has named orgs")
					: ConditionOutcome.match("no genesys.oauth.orgs");
		}

	}

}
