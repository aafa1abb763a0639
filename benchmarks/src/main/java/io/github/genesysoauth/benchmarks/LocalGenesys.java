package io.github.genesysoauth.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
 *
 * <p>With {@link #countPerClient()} it also counts token and API requests per OAuth client (the client id of the
 * token request's Basic credentials, and of the token an API request carries), for many orgs on one server; off by
 * default, so that the other benchmarks' API requests cost the server nothing more. Its tokens then carry their
 * client and expiry ({@code org-token.<client id>.<expiry>}), so that the server keeps nothing per token issued, which
 * would swell the heap that the many-orgs benchmark measures for the clients.
 *
 * <p>With {@link #setRateLimit(int, Duration)} it enforces Genesys's per-token limit as the stand-in of
 * {@code genesys-oauth-test} does ({@code RateLimits}), in the same shapes: so many requests per window counted from
 * the token's first request, 429 with {@code Retry-After} past them, and {@code inin-ratelimit-count},
 * {@code -allowed} and {@code -reset} on every answer while a limit is set. Off by default. The stand-in itself is
 * not used: it runs on WireMock, which would join the class path of every benchmark (start-up included), and its
 * window is Genesys's minute, where the smoke test needs one of a second.
 */
final class LocalGenesys implements AutoCloseable {

	static final String SERVER_THREAD_PREFIX = "bench-server";

	static final String FIXED_TOKEN = "fixed-benchmark-token";

	private static final String CLIENT_TOKEN = "org-token.";

	static final String COUNT = "inin-ratelimit-count";

	static final String ALLOWED = "inin-ratelimit-allowed";

	static final String RESET = "inin-ratelimit-reset";

	private static final byte[] ORGANIZATION = "{\"id\":\"benchmark-org\",\"name\":\"Benchmark Organization\",\"state\":\"active\"}"
		.getBytes(StandardCharsets.UTF_8);

	private final LoopResources loops = LoopResources.create(SERVER_THREAD_PREFIX, 1, true);

	private final Map<String, Long> expiries = new ConcurrentHashMap<>();

	// replaced, not cleared, by resetClientCounts(): a cleared map keeps the table it grew to
	private volatile Map<String, AtomicInteger> clientTokenRequests = new ConcurrentHashMap<>();

	private volatile Map<String, AtomicInteger> clientApiRequests = new ConcurrentHashMap<>();

	private final Set<String> refusedClients = ConcurrentHashMap.newKeySet();

	private volatile boolean perClient;

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final AtomicInteger apiRequests = new AtomicInteger();

	private final AtomicInteger unauthorized = new AtomicInteger();

	private final AtomicInteger rateLimited = new AtomicInteger();

	// 0: no limit
	private volatile int rateLimit;

	private volatile long rateLimitWindowNanos = Duration.ofMinutes(1).toNanos();

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	private final DisposableServer server;

	private volatile long tokenLifetimeSeconds = 86399;

	private volatile boolean tokenEndpointDown;

	private volatile Duration tokenDelay = Duration.ZERO;

	// when each token request was received and answered, in System.nanoTime()
	private final List<long[]> tokenWindows = new CopyOnWriteArrayList<>();

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
		long receivedAt = System.nanoTime();
		String clientId = this.perClient ? basicClientId(request) : null;
		if (clientId != null) {
			this.clientTokenRequests.computeIfAbsent(clientId, (id) -> new AtomicInteger()).incrementAndGet();
		}
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
			if (clientId != null && this.refusedClients.contains(clientId)) {
				return response.status(HttpResponseStatus.UNAUTHORIZED)
					.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
					.sendString(Mono.just("{\"error\":\"invalid_client\",\"description\":\"client not found\"}"))
					.then();
			}
			long lifetime = this.tokenLifetimeSeconds;
			long expiry = System.nanoTime() + lifetime * 1_000_000_000L;
			String token;
			if (clientId != null) {
				token = CLIENT_TOKEN + clientId + "." + expiry;
			}
			else {
				token = "token-" + this.tokenRequests.get() + "-" + System.nanoTime();
				this.expiries.put(token, expiry);
			}
			return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.sendString(Mono.just("{\"access_token\":\"" + token + "\",\"token_type\":\"bearer\",\"expires_in\":"
						+ lifetime + "}"))
				.then();
		})).doFinally((signal) -> this.tokenWindows.add(new long[] { receivedAt, System.nanoTime() }));
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
		if (this.perClient && authorization.startsWith(CLIENT_TOKEN, 7)) {
			String clientId = authorization.substring(7 + CLIENT_TOKEN.length(), authorization.lastIndexOf('.'));
			this.clientApiRequests.computeIfAbsent(clientId, (id) -> new AtomicInteger()).incrementAndGet();
		}
		int limit = this.rateLimit;
		if (limit > 0) {
			return rateLimited(authorization.substring(7), limit, response);
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "application/json")
			.sendByteArray(Mono.just(ORGANIZATION))
			.then();
	}

	// as the stand-in's RateLimits and PlatformApi: the window opens with the token's first request; the count sent
	// is at most the limit, the reset whole seconds rounded up (at least 1), and a 429's Retry-After the same
	private Mono<Void> rateLimited(String token, int limit, HttpServerResponse response) {
		long now = System.nanoTime();
		long length = this.rateLimitWindowNanos;
		Window window = this.windows.compute(token,
				(key, current) -> (current == null || now - current.closesAt >= 0) ? new Window(now + length, 1)
						: new Window(current.closesAt, current.count + 1));
		long millis = (window.closesAt - now) / 1_000_000;
		String reset = String.valueOf(Math.max(1, (millis + 999) / 1000));
		response.header(COUNT, String.valueOf(Math.min(window.count, limit)))
			.header(ALLOWED, String.valueOf(limit))
			.header(RESET, reset)
			.header(HttpHeaderNames.CONTENT_TYPE, "application/json");
		if (window.count > limit) {
			this.rateLimited.incrementAndGet();
			return response.status(HttpResponseStatus.TOO_MANY_REQUESTS)
				.header(HttpHeaderNames.RETRY_AFTER, reset)
				.sendString(Mono.just("{\"message\":\"Rate limit exceeded the maximum. Retry the request in [" + reset
						+ "] seconds\",\"code\":\"too.many.requests.retry.after\",\"status\":429}"))
				.then();
		}
		return response.sendByteArray(Mono.just(ORGANIZATION)).then();
	}

	// the client id of "Authorization: Basic base64(urlencoded id:urlencoded secret)", as Spring Security sends it
	private static String basicClientId(HttpServerRequest request) {
		String authorization = request.requestHeaders().get(HttpHeaderNames.AUTHORIZATION);
		if (authorization == null || !authorization.startsWith("Basic ")) {
			return null;
		}
		String credentials = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
		int colon = credentials.indexOf(':');
		return (colon < 0) ? null : URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
	}

	private boolean isValid(String authorization) {
		if (authorization == null || !authorization.startsWith("Bearer ")) {
			return false;
		}
		String token = authorization.substring(7);
		if (FIXED_TOKEN.equals(token)) {
			return true;
		}
		if (token.startsWith(CLIENT_TOKEN)) {
			return System.nanoTime() - Long.parseLong(token.substring(token.lastIndexOf('.') + 1)) < 0;
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

	/**
	 * Enforces a limit of {@code requests} per token per {@code window} (Genesys's is 300 a minute), or none with
	 * {@code 0}: a token's window opens with its first request.
	 */
	void setRateLimit(int requests, Duration window) {
		this.rateLimitWindowNanos = window.toNanos();
		this.rateLimit = requests;
	}

	/** The API requests answered 429 because their token's window was spent. */
	int rateLimited() {
		return this.rateLimited.get();
	}

	/** From now on, counts token and API requests per OAuth client as well. */
	void countPerClient() {
		this.perClient = true;
	}

	/** Answers this client's token requests with 401 {@code invalid_client}; needs {@link #countPerClient()}. */
	void refuse(String clientId) {
		this.refusedClients.add(clientId);
	}

	int tokenRequests(String clientId) {
		AtomicInteger count = this.clientTokenRequests.get(clientId);
		return (count != null) ? count.get() : 0;
	}

	int apiRequests(String clientId) {
		AtomicInteger count = this.clientApiRequests.get(clientId);
		return (count != null) ? count.get() : 0;
	}

	/** Starts the counts per client again from zero, and lets go of what counted them (before a heap measurement). */
	void resetClientCounts() {
		this.clientTokenRequests = new ConcurrentHashMap<>();
		this.clientApiRequests = new ConcurrentHashMap<>();
	}

	/** When each token request since the last reset was received and answered, in {@code System.nanoTime()}. */
	List<long[]> tokenWindows() {
		return List.copyOf(this.tokenWindows);
	}

	void resetCounters() {
		this.tokenWindows.clear();
		this.tokenRequests.set(0);
		this.apiRequests.set(0);
		this.unauthorized.set(0);
		this.rateLimited.set(0);
		this.windows.clear();
	}

	// in System.nanoTime()
	private record Window(long closesAt, int count) {
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
