package io.github.genesysoauth.resilience;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import reactor.core.publisher.Flux;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * {@code genesysWebClient} as an application uses it, blocking for the answer: its {@code retrieve()} raises a 4xx
 * or 5xx as a {@link WebClientResponseException}.
 */
final class WebClientApiCaller implements PlatformApiCaller {

	// far longer than any wait a case provokes (a Retry-After of 1 s, backoffs of 20 ms); it only ends a hang
	private static final Duration WAIT = Duration.ofSeconds(30);

	private final WebClient client;

	WebClientApiCaller(WebClient client) {
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
		return postRequest(path, body, attributes)
			.exchangeToMono((response) -> response.bodyToMono(String.class)
				.defaultIfEmpty("")
				.map((text) -> Answer.returned(response.statusCode().value(), text)))
			.block(WAIT);
	}

	@Override
	public Answer delete(String path) {
		return retrieve(this.client.delete().uri(path));
	}

	private WebClient.RequestHeadersSpec<?> postRequest(String path, Body body,
			Consumer<Map<String, Object>> attributes) {
		WebClient.RequestBodySpec post = this.client.post()
			.uri(path)
			.attributes(attributes)
			.contentType(MediaType.APPLICATION_JSON);
		if (body.streamed()) {
			// written buffer by buffer as the Flux emits them: nothing holds the whole body
			return post.body(Flux.fromIterable(body.parts())
				.map((part) -> DefaultDataBufferFactory.sharedInstance.wrap(part.getBytes(StandardCharsets.UTF_8))),
					DataBuffer.class);
		}
		return post.bodyValue(body.json());
	}

	private static Answer retrieve(WebClient.RequestHeadersSpec<?> request) {
		try {
			ResponseEntity<String> entity = request.retrieve().toEntity(String.class).block(WAIT);
			Objects.requireNonNull(entity, "retrieve() completed without an answer");
			return Answer.returned(entity.getStatusCode().value(), entity.getBody());
		}
		catch (WebClientResponseException ex) {
			return Answer.raised(ex.getStatusCode().value(), ex.getResponseBodyAsString(), ex);
		}
	}

}
