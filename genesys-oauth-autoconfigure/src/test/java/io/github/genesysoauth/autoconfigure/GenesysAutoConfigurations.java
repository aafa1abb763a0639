package io.github.genesysoauth.autoconfigure;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.service.ReactiveHttpServiceClientAutoConfiguration;

/**
 * The starter's auto-configurations a test context needs for the Platform API clients and the orgs, with what else
 * the test asks for: what an application with the starter gets, less metrics, health and the SDK, which tests add
 * where they test them.
 */
public final class GenesysAutoConfigurations {

	private static final Class<?>[] CLIENTS = { GenesysOAuthAutoConfiguration.class,
			GenesysOAuthRestClientAutoConfiguration.class, GenesysOAuthWebClientAutoConfiguration.class,
			GenesysOAuthOrgsAutoConfiguration.class };

	// Boot's HTTP clients and HTTP service groups, and the starter's every client style: the transports in full
	private static final Class<?>[] EVERY_CLIENT = { HttpClientAutoConfiguration.class,
			ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
			RestClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class,
			ReactiveHttpServiceClientAutoConfiguration.class, GenesysOAuthHttpServiceAutoConfiguration.class,
			GenesysOAuthSdkAutoConfiguration.class };

	private GenesysAutoConfigurations() {
	}

	/**
	 * Every client style of the starter on Boot's HTTP client support, as an application with RestClient, WebClient,
	 * HTTP service groups and the SDK gets them: for tests of transports (redirects, proxies, TLS).
	 * @param more Boot's or the starter's other auto-configurations
	 * @return all of them, ordered as in an application
	 */
	public static AutoConfigurations everyClient(Class<?>... more) {
		return clients(Stream.concat(Arrays.stream(EVERY_CLIENT), Arrays.stream(more)).toArray(Class<?>[]::new));
	}

	/**
	 * The starter's client auto-configurations and these.
	 * @param more Boot's or the starter's other auto-configurations
	 * @return all of them, ordered as in an application
	 */
	public static AutoConfigurations clients(Class<?>... more) {
		return AutoConfigurations
			.of(Stream.concat(Arrays.stream(CLIENTS), Arrays.stream(more)).toArray(Class<?>[]::new));
	}

}
