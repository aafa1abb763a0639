package io.github.genesysoauth.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls a stand-in as a Genesys client does: client-credentials token requests and bearer Platform API calls. */
final class StandInHttp {

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\":\"([^\"]+)\"");

	// HTTP/1.1, a connection per caller: an HTTP/2 upgrade multiplexes concurrent callers past Jetty's stream limit
	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final GenesysCloudStandIn standIn;

	StandInHttp(GenesysCloudStandIn standIn) {
		this.standIn = standIn;
	}

	HttpResponse<String> requestToken(String clientId, String clientSecret) throws IOException, InterruptedException {
		String basic = Base64.getEncoder()
			.encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(this.standIn.tokenUri())
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A token of that client, with its current secret. */
	String token(StandInClient client) throws IOException, InterruptedException {
		String body = requestToken(client.clientId(), client.clientSecret()).body();
		Matcher matcher = ACCESS_TOKEN.matcher(body);
		assertThat(matcher.find()).as("token in %s", body).isTrue();
		return matcher.group(1);
	}

	HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.standIn.baseUrl() + path))
			.header("Authorization", "Bearer " + token)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
