package io.github.genesysoauth.client;

import java.time.Duration;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAccessTokensTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class GenesysApiExchangeFilterTest {

	private static final Duration WAIT = Duration.ofSeconds(30);

	private GenesysCloudStandIn genesys;

	private GenesysCloudStandIn elsewhere;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.start();
		this.elsewhere = GenesysCloudStandIn.start();
		this.elsewhere.wireMock()
			.stubFor(get(urlPathEqualTo("/download/recording.opus")).willReturn(aResponse().withBody("audio")));
	}

	@AfterEach
	void stop() {
		this.genesys.close();
		this.elsewhere.close();
	}

	@Test
	void attachesTheTokenOnlyToThePlatformApisOrigin() {
		new ApplicationContextRunner()
			.withConfiguration(
					GenesysAutoConfigurations.clients(WebClientAutoConfiguration.class))
			.withPropertyValues(this.genesys.propertyValues())
			.run((context) -> {
				WebClient client = context.getBean("genesysWebClient", WebClient.class);

				String organization = client.get().uri("/api/v2/organizations/me").retrieve().bodyToMono(String.class).block(WAIT);
				String download = client.get()
					.uri(this.elsewhere.baseUrl() + "/download/recording.opus?X-Amz-Signature=abc")
					.retrieve()
					.bodyToMono(String.class)
					.block(WAIT);

				assertThat(organization).contains("Stand-in Organization");
				assertThat(download).isEqualTo("audio");
				LoggedRequest downloadRequest = this.elsewhere.wireMock().findAll(anyRequestedFor(urlPathEqualTo("/download/recording.opus"))).get(0);
				assertThat(downloadRequest.containsHeader("Authorization")).isFalse();
				assertThat(this.genesys.tokenRequests()).isEqualTo(1);
			});
	}

	@ParameterizedTest
	@CsvSource({ "https://api.mypurecloud.com/api/v2/users, true", "https://api.mypurecloud.com:443/api/v2/users, true",
			"https://API.MyPureCloud.com/api/v2/users, true", "http://api.mypurecloud.com/api/v2/users, false",
			"https://api.mypurecloud.com:8443/api/v2/users, false", "https://login.mypurecloud.com/api/v2/users, false",
			"https://s3.amazonaws.com/bucket/recording.opus, false" })
	void decidesByOriginWhetherToAttachTheToken(String url, boolean attached) {
		GenesysAccessTokens tokens = GenesysAccessTokens.builder(GenesysAccessTokensTestSupport.registration(this.genesys))
			.build();
		GenesysApiExchangeFilter filter = GenesysApiExchangeFilter
			.of(GenesysApiCallPolicy.builder(tokens, URI.create("https://api.mypurecloud.com")).build());
		List<ClientRequest> sent = new ArrayList<>();

		filter.filter(ClientRequest.create(HttpMethod.GET, URI.create(url)).build(), (request) -> {
			sent.add(request);
			return Mono.empty();
		}).block(WAIT);

		assertThat(sent).singleElement()
			.satisfies((request) -> assertThat(request.headers().containsHeader("Authorization")).isEqualTo(attached));
		assertThat(this.genesys.tokenRequests()).isEqualTo(attached ? 1 : 0);
	}

}
