package io.github.genesysoauth.test;

import java.net.URI;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * The HTTP side of a stand-in: a WireMock server on a free loopback port that hands {@code POST /oauth/token} to the
 * {@link TokenEndpoint} and {@code /api/v2/**} to the {@link PlatformApi}, logs what it received, and stops.
 */
final class StandInServer {

	static final String TOKEN_PATH = "/oauth/token";

	private static final String API_PATHS = "/api/v2/.*";

	private final WireMockServer server;

	private String baseUrl = "";

	StandInServer(int threads, TokenEndpoint tokenEndpoint, PlatformApi platformApi) {
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(threads)
			.jettyAcceptQueueSize(1024)
			.extensions(tokenEndpoint, platformApi));
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		this.server.stubFor(any(urlPathMatching(API_PATHS))
			.willReturn(aResponse().withTransformers(PlatformApi.NAME)));
	}

	void start() {
		this.server.start();
		// kept, so that a stopped stand-in still names the address that no longer answers
		this.baseUrl = "http://127.0.0.1:" + this.server.port();
	}

	/** {@code http://127.0.0.1:<port>}, or empty before the start. */
	String baseUrl() {
		return this.baseUrl;
	}

	URI tokenUri() {
		return URI.create(this.baseUrl + TOKEN_PATH);
	}

	URI apiBaseUrl() {
		return URI.create(this.baseUrl);
	}

	List<LoggedRequest> tokenRequestLog() {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(TOKEN_PATH)));
	}

	List<LoggedRequest> apiRequestLog() {
		return this.server.findAll(anyRequestedFor(urlPathMatching(API_PATHS)));
	}

	/** Forgets the requests logged so far; the stubs stay. */
	void resetRequests() {
		this.server.resetRequests();
	}

	WireMockServer wireMock() {
		return this.server;
	}

	boolean isRunning() {
		return this.server.isRunning();
	}

	void stop() {
		this.server.stop();
	}

}
