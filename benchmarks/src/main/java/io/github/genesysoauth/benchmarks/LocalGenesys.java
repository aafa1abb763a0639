package io.github.genesysoauth.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A fast local Genesys Cloud on Reactor Netty, for measuring clients rather than a server: a token endpoint that
 * issues tokens of a set lifetime (and can be taken down), and {@code GET /api/v2/organizations/me}, which answers
 * 401 to a missing, unknown or expired token. It runs on event loops of its own ({@code bench-server-*}), so that
 * allocations on the clients' threads can be told apart from the server's.
 */
final class LocalGenesys implements AutoCloseable {

	static final String SERVER_THREAD_PREFIX = "bench-server";

	static final String FIXED_TOKEN = "fixed-benchmark-token";

	private static final byte[] ORGANIZATION = "{\"id\":\"benchmark-org\",\"name\":\"Benchmark Organization\",\"state\":\"active\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final LoopResources loops = LoopResources.create(SERVER_THREAD_PREFIX, 1, true);

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger apiRequests = new AtomicInteger();

	private final AtomicInteger unauthorized = new AtomicInteger();

	private final DisposableServer server;

	private volatile long tokenLifetimeSeconds = 86399;

	private volatile boolean tokenEndpointDown;

	private volatile Duration tokenDelay = Duration.ZERO;

	LocalGenesys() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.route((routes) -> routes.post("/oauth/token", this::token).get("/api/v2/organizations/me", this::api))
			.bindNow();
	}

	private Mono<Void> token(HttpServerRequest request, HttpServerResponse response) {
		this.tokenRequests.incrementAndGet();
		Duration delay = this.tokenDelay;
		Mono<Void> received = request.receive().then();
		if (!delay.isZero()) {
			received = received.then(Mono.delay(delay)).then();
		}
		return received.then(Mono.defer(() -> {
			if (this.tokenEndpointDown) {
				return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE)
					.header(HttpHeaderNames.CONTENT_TYPE, "text/html")
					.sendString(Mono.just("<html><body>503</body></html>"))
					.then();
			}
			String token = "token-" + this.tokenRequests.get() + "-" + System.nanoTime();
			long lifetime = this.tokenLifetimeSeconds;
			this.expiries.put(token, System.nanoTime() + lifetime * 1_000_000_000L);
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
						+ lifetime + "}"))
				.then();
		}));
	}

	private Mono<Void> api(HttpServerRequest request, HttpServerResponse response) {
		this.apiRequests.incrementAndGet();
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (!isValid(authorization)) {
			this.unauthorized.incrementAndGet();
			return response.status(HttpResponseStatus.UNAUTHORIZED)
				.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just("{\"message\":\"Invalid login credentials.\",\"code\":\"bad.credentials\",\"status\":401}"))
				.then();
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendByteArray(Mono.just(ORGANIZATION))
			.then();
	}

	private boolean isValid(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String token = authorization.substring(7);
		if (FIXED_TOKEN.equals(token)) {
			return true;
		}
		Long expiry = this.expiries.get(token);
		return expiry != null && System.nanoTime() - expiry < 0;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	String tokenUri() {
		return baseUrl() + "/oauth/token";
	}

	void setTokenLifetimeSeconds(long seconds) {
		this.tokenLifetimeSeconds = seconds;
	}

	/** How long the token endpoint takes to answer, as a remote login service does; none by default. */
	void setTokenDelay(Duration delay) {
		this.tokenDelay = delay;
	}

	void setTokenEndpointDown(boolean down) {
		this.tokenEndpointDown = down;
	}

	int tokenRequests() {
		return this.tokenRequests.get();
	}

	int apiRequests() {
		return this.apiRequests.get();
	}

	int unauthorized() {
		return this.unauthorized.get();
	}

	void resetCounters() {
		this.tokenRequests.set(0);
		this.apiRequests.set(0);
		this.unauthorized.set(0);
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
