package io.github.genesysoauth.resilience;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.github.genesysoauth.client.GenesysRateLimitException;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.jspecify.annotations.Nullable;

/**
 * A Platform API client used the way an application uses it, so that {@link GenesysFaultMatrixTest} states each
 * case once for every transport. Requests are read with {@code retrieve()} unless a method says otherwise.
 *
 * <p>What the caller gets is told the same way for every transport: an answer the client hands back, and a 4xx or
 * 5xx it raises, both become an {@link Answer} with the status and the body (the raised exception is kept, for
 * assertions on its type). The starter's own failures, {@link GenesysRateLimitException} and
 * {@link GenesysAuthenticationException}, are the same for every transport and are thrown as they are, as is
 * anything else.
 */
interface PlatformApiCaller {

	/** No request attributes: the retry choices of {@code GenesysRetry} left at their defaults. */
	Consumer<Map<String, Object>> NO_ATTRIBUTES = (attributes) -> {
	};

	/**
	 * {@code GET} a path of the API.
	 * @param path the path, relative to the API's base URL
	 * @return what the caller gets
	 */
	default Answer get(String path) {
		return get(path, NO_ATTRIBUTES);
	}

	/**
	 * {@code GET} a path of the API.
	 * @param path the path, relative to the API's base URL
	 * @param attributes the request's attributes, e.g. {@code GenesysRetry.disabled()}
	 * @return what the caller gets
	 */
	Answer get(String path, Consumer<Map<String, Object>> attributes);

	/**
	 * {@code POST} a JSON body to a path of the API.
	 * @param path the path, relative to the API's base URL
	 * @param body the body, as one value or as a stream
	 * @return what the caller gets
	 */
	default Answer post(String path, Body body) {
		return post(path, body, NO_ATTRIBUTES);
	}

	/**
	 * {@code POST} a JSON body to a path of the API.
	 * @param path the path, relative to the API's base URL
	 * @param body the body, as one value or as a stream
	 * @param attributes the request's attributes, e.g. {@code GenesysRetry.serverErrors(true)}
	 * @return what the caller gets
	 */
	Answer post(String path, Body body, Consumer<Map<String, Object>> attributes);

	/**
	 * {@code POST} a JSON body to a path of the API and read the answer with {@code exchange}, which raises no
	 * exception for a 4xx or 5xx.
	 * @param path the path, relative to the API's base URL
	 * @param body the body, as one value or as a stream
	 * @param attributes the request's attributes
	 * @return the status and body the exchange function saw
	 */
	Answer exchangePost(String path, Body body, Consumer<Map<String, Object>> attributes);

	/**
	 * {@code DELETE} a path of the API.
	 * @param path the path, relative to the API's base URL
	 * @return what the caller gets
	 */
	Answer delete(String path);

	/**
	 * What the caller of a Platform API client gets, whatever the transport.
	 *
	 * @param status the HTTP status
	 * @param body the body, empty when there is none
	 * @param raised the exception the client raised for a 4xx or 5xx; {@code null} when it handed the answer back
	 */
	record Answer(int status, String body, @Nullable RuntimeException raised) {

		static Answer returned(int status, @Nullable String body) {
			return new Answer(status, (body != null) ? body : "", null);
		}

		static Answer raised(int status, String body, RuntimeException raised) {
			return new Answer(status, body, raised);
		}

		@Override
		public String toString() {
			return ((this.raised != null) ? this.raised.getClass().getName() + " " : "") + this.status + " "
					+ this.body;
		}

	}

	/**
	 * A JSON request body.
	 *
	 * @param parts the body, in the pieces a stream writes; one piece for a body sent as one value
	 * @param streamed whether it is written as a stream, the way an application sends a body it does not hold whole
	 */
	record Body(List<String> parts, boolean streamed) {

		/** A body sent as one value ({@code bodyValue} / {@code body(Object)}). */
		static Body json(String json) {
			return new Body(List.of(json), false);
		}

		/** A body written as a stream of pieces ({@code Flux<DataBuffer>}, {@code StreamingHttpOutputMessage.Body}). */
		static Body stream(String... parts) {
			return new Body(List.of(parts), true);
		}

		/** The whole body. */
		String json() {
			return String.join("", this.parts);
		}

	}

}
