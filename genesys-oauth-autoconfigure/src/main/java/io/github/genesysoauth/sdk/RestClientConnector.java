package io.github.genesysoauth.sdk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mypurecloud.sdk.v2.AsyncApiCallback;
import com.mypurecloud.sdk.v2.connector.ApiClientConnector;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProvider;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorRequest;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorResponse;
import io.github.genesysoauth.client.GenesysApiRequestInterceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The Genesys Java SDK's transport over the starter's {@link RestClient}: every request an SDK {@code ApiClient}
 * makes is sent through a client that carries {@link GenesysApiRequestInterceptor}, which gives it the token and
 * carries out the call policy (single flight, one renewal after a 401, {@code Retry-After}, the token only for the
 * API's origin). The SDK's HTTP clients (Apache HttpClient and its header logging above all) are never used.
 *
 * <p>What the SDK sees: every answer, 2xx or not, as a response, which its {@code ApiClient} turns into its
 * {@code ApiException} as it does for its own transports; an I/O failure as the {@link IOException} that caused it;
 * the starter's own failures ({@code GenesysRateLimitException}, {@code GenesysAuthenticationException}) as they
 * are, as with every other client of the starter.
 */
final class RestClientConnector implements ApiClientConnector {

	private static final Log logger = LogFactory.getLog(RestClientConnector.class);

	private static final String LOGIN_PATH = "/oauth/token";

	private final RestClient restClient;

	private final Executor asyncExecutor;

	private final AtomicBoolean authorizationDropped = new AtomicBoolean();

	private RestClientConnector(RestClient restClient, Executor asyncExecutor) {
		this.restClient = restClient;
		this.asyncExecutor = asyncExecutor;
	}

	/**
	 * The SDK's way to make a connector for each {@code ApiClient} built, including those an application derives
	 * with {@code ApiClient.Builder.from}. Its asynchronous calls run on the {@code ExecutorService} given as
	 * {@link ApiClientConnectorProperty#ASYNC_EXECUTOR_SERVICE}, as with the SDK's own transports, else on Reactor's
	 * bounded elastic scheduler (the SDK's default, an unbounded thread pool, is not used).
	 * @param restClient a client carrying {@link GenesysApiRequestInterceptor}
	 * @return the provider
	 */
	static ApiClientConnectorProvider provider(RestClient restClient) {
		return (properties) -> {
			ExecutorService executor = properties.getProperty(ApiClientConnectorProperty.ASYNC_EXECUTOR_SERVICE,
					ExecutorService.class, null);
			return new RestClientConnector(restClient,
					(executor != null) ? executor : (task) -> Schedulers.boundedElastic().schedule(task));
		};
	}

	@Override
	public ApiClientConnectorResponse invoke(ApiClientConnectorRequest request) throws IOException {
		URI url = url(request);
		RestClient.RequestBodySpec spec = this.restClient.method(HttpMethod.valueOf(request.getMethod()))
			.uri(url)
			.headers((headers) -> copyHeaders(request.getHeaders(), headers));
		// The SDK gives every request without form parameters an empty form body, GETs included: not sent.
		String body = request.hasBody() ? request.readBody() : null;
		if (body != null && !body.isEmpty()) {
			spec.body(body.getBytes(StandardCharsets.UTF_8));
		}
		try {
			return spec.exchangeForRequiredValue((clientRequest, response) -> BufferedResponse.of(response));
		}
		catch (ResourceAccessException ex) {
			// what the SDK's own transports throw, and what its API methods declare
			if (ex.getCause() instanceof IOException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * Runs {@link #invoke} on the asynchronous executor, so that the caller's thread never waits for a token or a
	 * {@code Retry-After}, and tells the callback exactly once. The SDK's {@code ApiClient} listens to the callback
	 * and ignores the returned future, which completes alike.
	 */
	@Override
	public Future<ApiClientConnectorResponse> invokeAsync(ApiClientConnectorRequest request,
			AsyncApiCallback<ApiClientConnectorResponse> callback) {
		CompletableFuture<ApiClientConnectorResponse> future = new CompletableFuture<>();
		try {
			this.asyncExecutor.execute(() -> {
				ApiClientConnectorResponse response;
				try {
					response = invoke(request);
				}
				catch (Throwable ex) {
					failed(callback, future, ex);
					return;
				}
				try {
					callback.onCompleted(response);
					future.complete(response);
				}
				catch (Throwable ex) {
					future.completeExceptionally(ex);
				}
			});
		}
		catch (RuntimeException ex) {
			// the executor refused the task (full, or shut down): fail now rather than leave the caller waiting
			failed(callback, future, ex);
		}
		return future;
	}

	private static void failed(AsyncApiCallback<ApiClientConnectorResponse> callback,
			CompletableFuture<ApiClientConnectorResponse> future, Throwable failure) {
		try {
			callback.onFailed(failure);
		}
		finally {
			future.completeExceptionally(failure);
		}
	}

	// Nothing to release: the RestClient belongs to the application context, the executor to Reactor or the caller.
	@Override
	public void close() {
	}

	private static URI url(ApiClientConnectorRequest request) {
		String url = request.getUrl();
		URI uri;
		try {
			uri = URI.create(url);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Genesys Java SDK request has an invalid URL: " + ex.getMessage(), ex);
		}
		String path = uri.getPath();
		if (path != null && path.endsWith(LOGIN_PATH)) {
			// authorizeClientCredentials and its kin: the SDK's own login, whose token the starter would not renew
			throw new IllegalStateException("This ApiClient takes its tokens from the genesys-oauth starter "
					+ "(its org's settings) and renews them itself: do not call authorizeClientCredentials or any other "
					+ "of the SDK's login methods on it (" + request.getMethod() + " " + url + " was not sent)");
		}
		return uri;
	}

	// The token is the interceptor's to set, for the API's origin only: one the SDK was given (setAccessToken) must
	// neither replace it nor travel to another host.
	private void copyHeaders(Map<String, String> sdkHeaders, HttpHeaders headers) {
		for (Map.Entry<String, String> header : sdkHeaders.entrySet()) {
			if (HttpHeaders.AUTHORIZATION.equalsIgnoreCase(header.getKey())) {
				if (this.authorizationDropped.compareAndSet(false, true)) {
					logger.warn("Dropped the Authorization header the Genesys Java SDK added to a request (was "
							+ "setAccessToken called on the starter's ApiClient?): the genesys-oauth starter sets "
							+ "the token itself");
				}
				continue;
			}
			if (header.getValue() != null) {
				headers.set(header.getKey(), header.getValue());
			}
		}
	}

	/** An answer read whole, as the SDK reads every answer (its Apache transport buffers them too). */
	private static final class BufferedResponse implements ApiClientConnectorResponse {

		private final int statusCode;

		private final String reasonPhrase;

		private final Map<String, String> headers;

		private final byte[] body;

		private final Charset charset;

		private BufferedResponse(int statusCode, String reasonPhrase, Map<String, String> headers, byte[] body,
				Charset charset) {
			this.statusCode = statusCode;
			this.reasonPhrase = reasonPhrase;
			this.headers = headers;
			this.body = body;
			this.charset = charset;
		}

		static BufferedResponse of(ClientHttpResponse response) throws IOException {
			HttpHeaders headers = response.getHeaders();
			return new BufferedResponse(response.getStatusCode().value(), response.getStatusText(), flatten(headers),
					StreamUtils.copyToByteArray(response.getBody()), charsetOf(headers));
		}

		// One value per name, as the SDK's maps hold them; case-insensitive, as the SDK looks up "Retry-After" and
		// "ININ-Correlation-Id" by those spellings whatever the HTTP client made of them.
		private static Map<String, String> flatten(HttpHeaders headers) {
			Map<String, String> flat = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			headers.forEach((name, values) -> flat.put(name, String.join(", ", values)));
			return Collections.unmodifiableMap(flat);
		}

		// the SDK's own transports read bodies as UTF-8 unless told otherwise
		private static Charset charsetOf(HttpHeaders headers) {
			try {
				MediaType contentType = headers.getContentType();
				Charset charset = (contentType != null) ? contentType.getCharset() : null;
				return (charset != null) ? charset : StandardCharsets.UTF_8;
			}
			catch (IllegalArgumentException ex) {
				// an unreadable Content-Type or an unknown charset
				return StandardCharsets.UTF_8;
			}
		}

		@Override
		public int getStatusCode() {
			return this.statusCode;
		}

		@Override
		public String getStatusReasonPhrase() {
			return this.reasonPhrase;
		}

		@Override
		public Map<String, String> getHeaders() {
			return this.headers;
		}

		@Override
		public boolean hasBody() {
			return this.body.length > 0;
		}

		@Override
		public String readBody() {
			return new String(this.body, this.charset);
		}

		@Override
		public InputStream getBody() {
			return new ByteArrayInputStream(this.body);
		}

		@Override
		public void close() {
		}

	}

}
