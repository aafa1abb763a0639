package io.github.genesysoauth.resilience;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import io.github.genesysoauth.client.GenesysRateLimitException;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.StreamingHttpOutputMessage;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * {@code genesysRestClient} as an application uses it: its {@code retrieve()} raises a 4xx as an
 * {@code HttpClientErrorException} and a 5xx as an {@code HttpServerErrorException}, both
 * {@link RestClientResponseException}s.
 */
final class RestClientApiCaller implements PlatformApiCaller {

	private final RestClient client;

	RestClientApiCaller(RestClient client) {
		this.client = client;
	}

	@Override
	public Answer get(String path, Consumer<Map<String, Object>> attributes) {
		return retrieve(this.client.get().uri(path).attributes(attributes));
	}

	@Override
	public Answer post(String path, Body body, Consumer<Map<String, Object>> attributes) {
		return retrieve(postRequest(path, body, attributes));
	}

	@Override
	public Answer exchangePost(String path, Body body, Consumer<Map<String, Object>> attributes) {
		return postRequest(path, body, attributes).exchange((request, response) -> {
			String text = StreamUtils.copyToString(response.getBody(), StandardCharsets.UTF_8);
			return Answer.returned(response.getStatusCode().value(), text);
		});
	}

	@Override
	public Answer delete(String path) {
		return retrieve(this.client.delete().uri(path));
	}

	private RestClient.RequestHeadersSpec<?> postRequest(String path, Body body,
			Consumer<Map<String, Object>> attributes) {
		RestClient.RequestBodySpec post = this.client.post()
			.uri(path)
			.attributes(attributes)
			.contentType(MediaType.APPLICATION_JSON);
		if (body.streamed()) {
			// written piece by piece to the request's stream, the way a RestClient application streams a body; a
			// RestClient with interceptors buffers it whole all the same (see GenesysFaultMatrixTest.Transport)
			StreamingHttpOutputMessage.Body stream = (output) -> {
				for (String part : body.parts()) {
					output.write(part.getBytes(StandardCharsets.UTF_8));
				}
			};
			return post.body(stream);
		}
		return post.body(body.json());
	}

	private static Answer retrieve(RestClient.RequestHeadersSpec<?> request) {
		try {
			ResponseEntity<String> entity = request.retrieve().toEntity(String.class);
			return Answer.returned(entity.getStatusCode().value(), entity.getBody());
		}
		catch (GenesysRateLimitException ex) {
			// an HttpClientErrorException too, but the starter's own failure: the caller gets it as it is
			throw ex;
		}
		catch (RestClientResponseException ex) {
			return Answer.raised(ex.getStatusCode().value(), ex.getResponseBodyAsString(), ex);
		}
	}

}
