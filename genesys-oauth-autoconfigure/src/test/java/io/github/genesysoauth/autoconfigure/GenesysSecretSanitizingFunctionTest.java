package io.github.genesysoauth.autoconfigure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Every proxy password of the starter is masked like the client secrets: by its name, and by its value. */
class GenesysSecretSanitizingFunctionTest {

	private final MockEnvironment environment = new MockEnvironment()
		.withProperty("genesys.oauth.proxy.password", "shared-proxy-secret")
		.withProperty("genesys.oauth.login.proxy.password", "login-proxy-secret")
		.withProperty("genesys.oauth.orgs.acme.client-id", "acme")
		.withProperty("genesys.oauth.orgs.acme.proxy.password", "acme-proxy-secret")
		.withProperty("genesys.oauth.proxy.username", "corp-user");

	private final GenesysSecretSanitizingFunction function = new GenesysSecretSanitizingFunction(this.environment);

	@ParameterizedTest
	@CsvSource({ "genesys.oauth.proxy.password, anything", "genesys.oauth.login.proxy.password, anything",
			"genesys.oauth.orgs.acme.proxy.password, anything", "GENESYS_OAUTH_ORGS_ACME_PROXY_PASSWORD, anything",
			"password, shared-proxy-secret", "password, login-proxy-secret", "PROXY_PW, acme-proxy-secret" })
	void masksAProxyPasswordByItsNameOrItsValue(String key, String value) {
		assertThat(this.function.apply(new SanitizableData(null, key, value)).getValue()).isEqualTo("******");
	}

	@ParameterizedTest
	@CsvSource({ "genesys.oauth.proxy.username, corp-user", "genesys.oauth.proxy.host, proxy.corp.example" })
	void leavesTheRestAsItIs(String key, String value) {
		assertThat(this.function.apply(new SanitizableData(null, key, value)).getValue()).isEqualTo(value);
	}

}
