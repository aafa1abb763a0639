package io.github.genesysoauth.client;

import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/** {@code GET /api/v2/organizations/me}, the call the transport tests make through each client, as its body. */
final class Me {

	static final String PATH = "/api/v2/organizations/me";

	private Me() {
	}

	static String of(RestClient client) {
		return client.get().uri(PATH).retrieve().body(String.class);
	}

	static String of(WebClient client) {
		return client.get().uri(PATH).retrieve().bodyToMono(String.class).block();
	}

}
