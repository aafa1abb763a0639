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

	private final boolean tls;

	StandInServer(int threads, TokenEndpoint tokenEndpoint, PlatformApi platformApi, StandInCertificates tls,
			boolean requireClientCertificate) {
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.containerThreads(threads)
			.jettyAcceptQueueSize(1024)
			.extensions(tokenEndpoint, platformApi);
		this.tls = tls != null;
		if (tls != null) {
			options.httpDisabled(true)
				.dynamicHttpsPort()
				.keystorePath(tls.serverKeyStore().toString())
				.keystoreType("PKCS12")
				.keystorePassword(StandInCertificates.STORE_PASSWORD)
				.keyManagerPassword(StandInCertificates.STORE_PASSWORD);
			if (requireClientCertificate) {
				options.needClientAuth(true)
					.trustStorePath(tls.caTrustStore().toString())
					.trustStoreType("PKCS12")
					.trustStorePassword(StandInCertificates.STORE_PASSWORD);
			}
		}
		this.server = new WireMockServer(options);
		this.server.stubFor(post(urlPathEqualTo(TOKEN_PATH))
			.willReturn(aResponse().withTransformers(TokenEndpoint.NAME)));
		this.server.stubFor(any(urlPathMatching(API_PATHS))
			.willReturn(aResponse().withTransformers(PlatformApi.NAME)));
	}

	void start() {
		this.server.start();
		// kept, so that a stopped stand-in still names the address that no longer answers
		this.baseUrl = this.tls ? "https://127.0.0.1:" + this.server.httpsPort()
				: "http://127.0.0.1:" + this.server.port();
	}

	/** {@code http://127.0.0.1:<port>} ({@code https://} in TLS mode), or empty before the start. */
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
