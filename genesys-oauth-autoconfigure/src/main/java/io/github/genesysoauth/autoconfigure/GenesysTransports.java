package io.github.genesysoauth.autoconfigure;

import java.util.function.Supplier;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP transports of the Genesys clients, token requests and API calls alike: Boot's request factory and
 * connector, built by Boot's builders (with their customizers) from Boot's HTTP client settings, except that they
 * never follow a redirect on their own. JDK's HttpClient copies every header, {@code Authorization} included, to
 * wherever a {@code Location} points, and no client lets a header be kept for one origin only; so API calls follow
 * redirects in {@code GenesysApiCallPolicy#redirect}, as {@code spring.http.clients.redirects} says, and token
 * requests, which carry the client secret, follow none.
 *
 * <p>Only touched where Boot's HTTP client module is present; without it the clients keep the transports Spring
 * Framework gives them.
 */
final class GenesysTransports {

	private static final boolean BOOT_HTTP_CLIENT = ClassUtils
		.isPresent("org.springframework.boot.http.client.HttpClientSettings", GenesysTransports.class.getClassLoader());

	private GenesysTransports() {
	}

	/** Whether API calls follow redirects: unless {@code spring.http.clients.redirects=dont-follow}. */
	static boolean followRedirects(BeanFactory beanFactory) {
		return !BOOT_HTTP_CLIENT || Boot.settings(beanFactory, false).redirects() != HttpRedirects.DONT_FOLLOW;
	}

	/** A builder's request factory replaced with Boot's that follows no redirect. */
	static RestClient.Builder withoutRedirects(RestClient.Builder builder, BeanFactory beanFactory) {
		return BOOT_HTTP_CLIENT ? builder.requestFactory(Boot.requestFactoryBuilder(beanFactory)
			.build(Boot.settings(beanFactory, true))) : builder;
	}

	/**
	 * A builder's connector replaced with Boot's that follows no redirect. Called only where WebClient is present.
	 */
	static WebClient.Builder withoutRedirects(WebClient.Builder builder, BeanFactory beanFactory) {
		return BOOT_HTTP_CLIENT ? builder.clientConnector(Reactive.connectorBuilder(beanFactory)
			.build(Boot.settings(beanFactory, true))) : builder;
	}

	/**
	 * Builders for the clients of many orgs, whose request factory, the same for all of them, follows no redirect:
	 * built on first use and shared, so that a thousand orgs do not make a thousand HTTP clients (JDK's and
	 * Jetty's start threads of their own).
	 */
	static Supplier<RestClient.Builder> sharedRestClientBuilders(Supplier<RestClient.Builder> builders,
			BeanFactory beanFactory) {
		if (!BOOT_HTTP_CLIENT) {
			return builders;
		}
		SingletonSupplier<ClientHttpRequestFactory> requestFactory = SingletonSupplier
			.of(() -> Boot.requestFactoryBuilder(beanFactory).build(Boot.settings(beanFactory, true)));
		return () -> builders.get().requestFactory(requestFactory.obtain());
	}

	/** As {@link #sharedRestClientBuilders}, with one connector. Called only where WebClient is present. */
	static Supplier<WebClient.Builder> sharedWebClientBuilders(Supplier<WebClient.Builder> builders,
			BeanFactory beanFactory) {
		if (!BOOT_HTTP_CLIENT) {
			return builders;
		}
		SingletonSupplier<ClientHttpConnector> connector = SingletonSupplier
			.of(() -> Reactive.connectorBuilder(beanFactory).build(Boot.settings(beanFactory, true)));
		return () -> builders.get().clientConnector(connector.obtain());
	}

	/**
	 * An HTTP service group's request factory replaced with Boot's that follows no redirect, built from the group's
	 * own {@code spring.http.serviceclient.<group>.*} settings as Boot builds it.
	 */
	static RestClient.Builder withoutRedirects(RestClient.Builder builder, BeanFactory beanFactory, String group) {
		return BOOT_HTTP_CLIENT ? builder.requestFactory(Boot.requestFactoryBuilder(beanFactory)
			.build(Boot.groupSettings(beanFactory, group))) : builder;
	}

	/** An HTTP service group's connector replaced with Boot's that follows no redirect; see the RestClient one. */
	static WebClient.Builder withoutRedirects(WebClient.Builder builder, BeanFactory beanFactory, String group) {
		return BOOT_HTTP_CLIENT ? builder.clientConnector(Reactive.connectorBuilder(beanFactory)
			.build(Boot.groupSettings(beanFactory, group))) : builder;
	}

	/** What needs Boot's HTTP client module, loaded only where it is present. */
	static final class Boot {

		private Boot() {
		}

		static HttpClientSettings settings(BeanFactory beanFactory, boolean dontFollow) {
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			return dontFollow ? settings.withRedirects(HttpRedirects.DONT_FOLLOW) : settings;
		}

		// as Boot's PropertiesRestClientHttpServiceGroupConfigurer maps them: the group's settings over the global ones
		static HttpClientSettings groupSettings(BeanFactory beanFactory, String group) {
			HttpServiceClientProperties groups = beanFactory.getBeanProvider(HttpServiceClientProperties.class)
				.getIfAvailable();
			HttpClientSettingsPropertyMapper mapper = new HttpClientSettingsPropertyMapper(
					beanFactory.getBeanProvider(SslBundles.class).getIfAvailable(), settings(beanFactory, false));
			return mapper.map((groups != null) ? groups.get(group) : null).withRedirects(HttpRedirects.DONT_FOLLOW);
		}

		static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder(BeanFactory beanFactory) {
			ClientHttpRequestFactoryBuilder<?> builder = beanFactory
				.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable();
			return (builder != null) ? builder : ClientHttpRequestFactoryBuilder.detect();
		}

	}

	/** What needs Boot's reactive HTTP client support, loaded only where WebClient is present. */
	static final class Reactive {

		private Reactive() {
		}

		static ClientHttpConnectorBuilder<?> connectorBuilder(BeanFactory beanFactory) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable();
			return (builder != null) ? builder : ClientHttpConnectorBuilder.detect();
		}

	}

}
