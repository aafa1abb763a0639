package io.github.genesysoauth.autoconfigure;

import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.client.registration.ClientRegistration;

/**
 * The Genesys registration as {@code genesys.oauth.client-id} and {@code client-secret} say now: when a refreshed
 * property source rebinds them (Spring Cloud's {@code /actuator/refresh}, a rotated secret from a vault), the next
 * token request uses them, and a pause after a refusal of the old ones ends at once. Other properties are read at
 * start-up only.
 */
final class PropertiesRegistrationSource implements Supplier<ClientRegistration> {

	private static final Log logger = LogFactory.getLog(PropertiesRegistrationSource.class);

	private final GenesysOAuthProperties properties;

	private volatile ClientRegistration current;

	PropertiesRegistrationSource(GenesysOAuthProperties properties, ClientRegistration initial) {
		this.properties = properties;
		this.current = initial;
	}

	@Override
	public ClientRegistration get() {
		ClientRegistration last = this.current;
		String clientId = this.properties.getClientId();
		String clientSecret = this.properties.getClientSecret();
		if (clientId == null || clientSecret == null || clientId.isBlank() || clientSecret.isBlank()
				|| (Objects.equals(clientId.strip(), last.getClientId())
						&& Objects.equals(clientSecret, last.getClientSecret()))) {
			return last;
		}
		ClientRegistration changed = ClientRegistration.withClientRegistration(last)
			.clientId(clientId.strip())
			.clientSecret(clientSecret)
			.build();
		this.current = changed;
		logger.info("genesys.oauth client credentials changed; the next token request uses OAuth client '"
				+ changed.getClientId() + "'");
		return changed;
	}

}
