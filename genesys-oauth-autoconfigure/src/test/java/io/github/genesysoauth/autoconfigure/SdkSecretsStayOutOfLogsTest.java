package io.github.genesysoauth.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import com.mypurecloud.sdk.v2.api.OrganizationApiAsync;
import com.mypurecloud.sdk.v2.api.TokensApi;
import com.mypurecloud.sdk.v2.api.request.GetOrganizationsMeRequest;
import io.github.genesysoauth.test.ApiFault;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.TokenFault;
import io.github.genesysoauth.token.GenesysAccessTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Everything logs at TRACE (root, as {@link SecretsStayOutOfLogsTest} starts the application), the SDK's loggers
 * ({@code com.mypurecloud}) and those of every HTTP client on the classpath (Apache HttpClient's
 * {@code org.apache.http.headers} among them) included, and the SDK's own request logging is on at its most
 * verbose, while {@code genesysApiClient} obtains tokens, calls the API through every fault and meets a refused
 * secret: neither the secret, nor {@code base64(client_id:client_secret)}, nor any token may appear in the output,
 * an exception or the client's {@code toString()}. A control with the SDK's own transport shows that the capture
 * would see a token Apache HttpClient logs.
 */
@ExtendWith(OutputCaptureExtension.class)
class SdkSecretsStayOutOfLogsTest {

	private static final String SECRET = "s3cret-that-must-not-leak";

	private static final String ORGANIZATION = "/api/v2/organizations/me";

	@Test
	void neitherSecretNorTokensAppearInTraceLogsExceptionsOrToStringThroughTheSdk(CapturedOutput output)
			throws Exception {
		List<Throwable> failures = new ArrayList<>();
		Set<String> tokens;
		String basicCredentials;
		String clients;
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.builder().clientSecret(SECRET).start();
				ConfigurableApplicationContext context = SecretsStayOutOfLogsTest.start(genesys, SECRET)) {
			basicCredentials = Base64.getEncoder()
				.encodeToString((genesys.clientId() + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
			ApiClient starters = context.getBean("genesysApiClient", ApiClient.class);
			// a client derived from the starter's keeps its transport; the SDK's own logging prints to the console
			ApiClient.LoggingConfiguration verbose = new ApiClient.LoggingConfiguration();
			verbose.setLogLevel("trace");
			verbose.setLogRequestBody(true);
			verbose.setLogResponseBody(true);
			ApiClient client = ApiClient.Builder.from(starters).withLoggingConfiguration(verbose).build();
			OrganizationApi organizations = new OrganizationApi(client);
			Runnable call = () -> {
				try {
					organizations.getOrganizationsMe();
				}
				catch (Exception ex) {
					failures.add(ex);
				}
			};
			call.run();
			new TokensApi(client).getTokensMe(false);
			new OrganizationApiAsync(client).getOrganizationsMeAsync(GetOrganizationsMeRequest.builder().build(), null)
				.get(30, TimeUnit.SECONDS);
			new TokensApi(client).deleteTokensMe();
			call.run();
			for (ApiFault fault : List.of(ApiFault.unauthorized(), ApiFault.rateLimited(Duration.ZERO),
					ApiFault.rateLimited(Duration.ofHours(1)), ApiFault.status(503))) {
				genesys.failApiRequests(3, fault);
				call.run();
			}
			GenesysAccessTokens accessTokens = context.getBean(GenesysAccessTokens.class);
			for (TokenFault fault : List.of(TokenFault.status(503), TokenFault.connectionReset(),
					TokenFault.response(200, "text/html", "<html/>"), TokenFault.response(200, "application/json",
							"{\"access_token\":\"leaky-token-value\",\"expires_in\":0}"))) {
				// past the pause after the previous fault, so that this one reaches the token endpoint
				SecretsStayOutOfLogsTest.CLOCK.add(Duration.ofMinutes(10));
				accessTokens.invalidate();
				genesys.failTokenRequests(3, fault);
				call.run();
			}
			genesys.heal();
			try {
				client.authorizeClientCredentials(genesys.clientId(), SECRET);
			}
			catch (RuntimeException ex) {
				failures.add(ex);
			}
			try (ConfigurableApplicationContext refused = SecretsStayOutOfLogsTest.start(genesys, "wrong-" + SECRET)) {
				try {
					new OrganizationApi(refused.getBean("genesysApiClient", ApiClient.class)).getOrganizationsMe();
				}
				catch (RuntimeException ex) {
					failures.add(ex);
				}
			}
			clients = starters + " " + client;
			tokens = new HashSet<>(genesys.issuedTokenValues());
			tokens.add("leaky-token-value");
		}

		assertThat(failures).hasSizeGreaterThanOrEqualTo(9)
			.hasAtLeastOneElementOfType(ApiException.class)
			.hasAtLeastOneElementOfType(IllegalStateException.class);
		assertThat(tokens).hasSizeGreaterThanOrEqualTo(4);
		List<String> secrets = new ArrayList<>(tokens);
		secrets.add(SECRET);
		secrets.add(basicCredentials);
		for (Throwable failure : failures) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				String text = cause + " " + cause.getMessage()
						+ ((cause instanceof ApiException api) ? api.getRawBody() + api.getHeaders() : "");
				secrets.forEach((secret) -> assertThat(text).doesNotContain(secret));
			}
		}
		secrets.forEach((secret) -> assertThat(clients).doesNotContain(secret));
		// the capture saw the token faults, the SDK's own request log and the API traffic at every level
		assertThat(output).contains("malformed_response")
			.contains("Obtained a Genesys Cloud access token")
			.contains("=== REQUEST ===")
			.contains(ORGANIZATION)
			.doesNotContain("http-outgoing");
		secrets.forEach((secret) -> assertThat(output).doesNotContain(secret));
		assertThat(output.toString().split("\\R")).noneMatch((line) -> line.matches(".*Bearer [A-Za-z0-9_-]{20,}.*"));
	}

	/**
	 * The SDK's own transport, given a token the way its users do: Apache HttpClient logs it at DEBUG, and this
	 * capture sees that. This is what {@code genesysApiClient}'s transport avoids.
	 */
	@Test
	void theSdksOwnTransportWouldLogTheTokenWhereTheCaptureSeesIt(CapturedOutput output) throws Exception {
		String token = "control-token-of-the-sdks-own-transport";
		try (GenesysCloudStandIn genesys = GenesysCloudStandIn.start();
				ConfigurableApplicationContext context = SecretsStayOutOfLogsTest.start(genesys, genesys.clientSecret());
				ApiClient own = ApiClient.Builder.standard()
					.withBasePath(genesys.apiBaseUrl().toString())
					.withAccessToken(token)
					.build()) {
			try {
				new OrganizationApi(own).getOrganizationsMe();
			}
			catch (ApiException ex) {
				// the stand-in knows no such token
			}
		}

		assertThat(output).contains("http-outgoing").contains("Authorization: Bearer " + token);
	}

}
