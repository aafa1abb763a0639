package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.autoconfigure.HttpClientSettingsPropertyMapper;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
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

	private static final String SSL_BUNDLE = GenesysOAuthProperties.CONFIG_PREFIX + ".ssl.bundle";

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
	 * The request factory of token requests over RestClient: Boot's, through the same proxy and with the same trust as
	 * the API calls, following no redirect (a token request carries the client secret), with {@code timeout} as the
	 * read timeout and the longest connect timeout, so that no thread waits longer than its caller (a blocking
	 * connect may ignore the interrupt that ends a timed-out token request). Called only where Boot's HTTP client
	 * module is present.
	 */
	static ClientHttpRequestFactory tokenRequestFactory(BeanFactory beanFactory, Duration timeout) {
		HttpClientSettings configured = Boot.settings(beanFactory, true);
		Duration connectTimeout = (configured.connectTimeout() != null
				&& configured.connectTimeout().compareTo(timeout) < 0) ? configured.connectTimeout() : timeout;
		return Boot.requestFactoryBuilder(beanFactory).build(configured.withTimeouts(connectTimeout, timeout));
	}

	/**
	 * Checks the route the Genesys clients take, where a proxy or SSL bundle is set, so that one they cannot use fails
	 * start-up rather than their first call.
	 */
	static void checkRoute(BeanFactory beanFactory) {
		GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class).getIfAvailable();
		boolean proxy = properties != null && GenesysPropertiesResolver.proxy(properties) != null;
		boolean bundle = properties != null && properties.getSsl().getBundle() != null;
		if (!proxy && !bundle) {
			return;
		}
		if (!BOOT_HTTP_CLIENT) {
			// without Boot's builders there is nothing to tell: the clients would go past the proxy
			String property = proxy ? GenesysOAuthProperties.CONFIG_PREFIX + ".proxy.host" : SSL_BUNDLE;
			throw new GenesysPropertyException(property, null,
					property + " is set, but Spring Boot's HTTP client support, which the Genesys clients take their "
							+ "proxy and TLS settings through, is not on the classpath.",
					"Add org.springframework.boot:spring-boot-restclient (the genesys-oauth starter brings it), or "
							+ "remove " + property + ".");
		}
		Boot.settings(beanFactory, true);
		Boot.requestFactoryBuilder(beanFactory);
		if (ClassUtils.isPresent("org.springframework.web.reactive.function.client.WebClient",
				GenesysTransports.class.getClassLoader())
				&& ClassUtils.isPresent("org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder",
						GenesysTransports.class.getClassLoader())) {
			Reactive.connectorBuilder(beanFactory);
		}
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

		// Boot's settings, with genesys.oauth.ssl.bundle over spring.http.clients.ssl.bundle
		static HttpClientSettings settings(BeanFactory beanFactory, boolean dontFollow) {
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			SslBundle genesysBundle = sslBundle(beanFactory);
			if (genesysBundle != null) {
				settings = settings.withSslBundle(genesysBundle);
			}
			return dontFollow ? settings.withRedirects(HttpRedirects.DONT_FOLLOW) : settings;
		}

		private static @Nullable SslBundle sslBundle(BeanFactory beanFactory) {
			GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class)
				.getIfAvailable();
			String name = (properties != null) ? properties.getSsl().getBundle() : null;
			if (name == null || name.isBlank()) {
				return null;
			}
			SslBundles bundles = beanFactory.getBeanProvider(SslBundles.class).getIfAvailable();
			try {
				if (bundles == null) {
					throw new NoSuchSslBundleException(name, "no SSL bundles are configured");
				}
				return bundles.getBundle(name);
			}
			catch (NoSuchSslBundleException ex) {
				throw new GenesysPropertyException(SSL_BUNDLE, name,
						"genesys.oauth.ssl.bundle '" + name + "' names no SSL bundle"
								+ ((bundles != null && !bundles.getBundleNames().isEmpty())
										? " (there are " + bundles.getBundleNames() + ")" : "")
								+ ".",
						"Define it with spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
								+ ".* (a truststore with your company's CA; a keystore for a client certificate), or "
								+ "set genesys.oauth.ssl.bundle to an existing bundle's name.");
			}
		}

		/** Whether a proxy is set, checked, for the clients built on Boot's builders. */
		static @Nullable GenesysProxy proxy(BeanFactory beanFactory) {
			GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class)
				.getIfAvailable();
			return (properties != null) ? GenesysPropertiesResolver.proxy(properties) : null;
		}

		// as Boot's PropertiesRestClientHttpServiceGroupConfigurer maps them: the group's settings over the global ones
		static HttpClientSettings groupSettings(BeanFactory beanFactory, String group) {
			HttpServiceClientProperties groups = beanFactory.getBeanProvider(HttpServiceClientProperties.class)
				.getIfAvailable();
			HttpClientSettingsPropertyMapper mapper = new HttpClientSettingsPropertyMapper(
					beanFactory.getBeanProvider(SslBundles.class).getIfAvailable(), settings(beanFactory, false));
			return mapper.map((groups != null) ? groups.get(group) : null).withRedirects(HttpRedirects.DONT_FOLLOW);
		}

		// Boot's builder (with its customizers), made to go through genesys.oauth.proxy.*
		static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder(BeanFactory beanFactory) {
			ClientHttpRequestFactoryBuilder<?> builder = beanFactory
				.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable();
			return GenesysProxies.applyTo((builder != null) ? builder : ClientHttpRequestFactoryBuilder.detect(),
					proxy(beanFactory));
		}

	}

	/** What needs Boot's reactive HTTP client support, loaded only where WebClient is present. */
	static final class Reactive {

		private Reactive() {
		}

		static ClientHttpConnectorBuilder<?> connectorBuilder(BeanFactory beanFactory) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable();
			return GenesysProxies.applyTo((builder != null) ? builder : ClientHttpConnectorBuilder.detect(),
					Boot.proxy(beanFactory));
		}

	}

}
