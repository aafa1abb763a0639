package io.github.genesysoauth.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.token.GenesysTokenResponseClient;
import io.github.genesysoauth.token.RestClientTokenResponseClient;
import io.github.genesysoauth.token.WebClientTokenResponseClients;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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

	private static final String WEB_CLIENT = "org.springframework.web.reactive.function.client.WebClient";

	private static final boolean BOOT_HTTP_CLIENT = ClassUtils
		.isPresent("org.springframework.boot.http.client.HttpClientSettings", GenesysTransports.class.getClassLoader());

	private static final GenesysRoute NO_ROUTE = new GenesysRoute(null, null, SSL_BUNDLE);

	private GenesysTransports() {
	}

	/** The route of an org: its own proxy and SSL bundle where it has them, else the default org's. */
	static GenesysRoute route(BeanFactory beanFactory, String orgName) {
		GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class).getIfAvailable();
		return (properties != null) ? GenesysPropertiesResolver.route(properties, orgName) : NO_ROUTE;
	}

	/** The route of an org's token requests: its own, or the login route set apart from the API calls'. */
	static GenesysRoute tokenRoute(BeanFactory beanFactory, String orgName) {
		GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class).getIfAvailable();
		return (properties != null) ? GenesysPropertiesResolver.tokenRoute(properties, orgName) : NO_ROUTE;
	}

	// whether genesysTokenResponseClient is the starter's (made by one of its auto-configuration's classes) or none
	private static boolean startersTokenTransport(BeanFactory beanFactory) {
		if (!(beanFactory instanceof ConfigurableListableBeanFactory listable)
				|| !listable.containsBeanDefinition(GenesysOAuthAutoConfiguration.TOKEN_RESPONSE_CLIENT_BEAN)) {
			return true;
		}
		String factory = listable.getBeanDefinition(GenesysOAuthAutoConfiguration.TOKEN_RESPONSE_CLIENT_BEAN)
			.getFactoryBeanName();
		return factory != null && factory.startsWith(GenesysOAuthAutoConfiguration.class.getName() + "$");
	}

	// as the auto-configurations' conditions see it: the application's class loader
	private static boolean hasWebClient(BeanFactory beanFactory) {
		return ClassUtils.isPresent(WEB_CLIENT, classLoader(beanFactory));
	}

	private static @Nullable ClassLoader classLoader(BeanFactory beanFactory) {
		return (beanFactory instanceof ConfigurableBeanFactory configurable) ? configurable.getBeanClassLoader()
				: GenesysTransports.class.getClassLoader();
	}

	private static GenesysRoute defaultRoute(BeanFactory beanFactory) {
		return route(beanFactory, GenesysOrgs.DEFAULT);
	}

	/** Whether API calls follow redirects: unless {@code spring.http.clients.redirects=dont-follow}. */
	static boolean followRedirects(BeanFactory beanFactory) {
		return !BOOT_HTTP_CLIENT || Boot.settings(beanFactory, false).redirects() != HttpRedirects.DONT_FOLLOW;
	}

	/** A builder's request factory replaced with Boot's that follows no redirect. */
	static RestClient.Builder withoutRedirects(RestClient.Builder builder, BeanFactory beanFactory) {
		return BOOT_HTTP_CLIENT ? builder.requestFactory(Boot.requestFactory(beanFactory, defaultRoute(beanFactory)))
				: builder;
	}

	/**
	 * A builder's connector replaced with Boot's that follows no redirect. Called only where WebClient is present.
	 */
	static WebClient.Builder withoutRedirects(WebClient.Builder builder, BeanFactory beanFactory) {
		return BOOT_HTTP_CLIENT ? builder.clientConnector(Reactive.connector(beanFactory, defaultRoute(beanFactory)))
				: builder;
	}

	/**
	 * The request factory of token requests over RestClient: Boot's, on the route's proxy and trust, following no
	 * redirect (a token request carries the client secret), with {@code timeout} as the read timeout and the longest
	 * connect timeout, so that no thread waits longer than its caller (a blocking connect may ignore the interrupt
	 * that ends a timed-out token request). Called only where Boot's HTTP client module is present.
	 */
	static ClientHttpRequestFactory tokenRequestFactory(BeanFactory beanFactory, Duration timeout, GenesysRoute route) {
		HttpClientSettings configured = Boot.settings(beanFactory, true, route);
		Duration connectTimeout = (configured.connectTimeout() != null
				&& configured.connectTimeout().compareTo(timeout) < 0) ? configured.connectTimeout() : timeout;
		return Boot.requestFactoryBuilder(beanFactory, route).build(configured.withTimeouts(connectTimeout, timeout));
	}

	/**
	 * The token transport of each org whose route is its own, made once per route; {@code null} for an org on the
	 * default org's route, whose token requests travel over the {@code genesysTokenResponseClient} bean.
	 */
	static Function<String, @Nullable GenesysTokenResponseClient> ownTokenTransports(BeanFactory beanFactory,
			Duration timeout) {
		if (!startersTokenTransport(beanFactory)) {
			// the application's own genesysTokenResponseClient carries the token requests of every org
			return (org) -> null;
		}
		Map<GenesysRoute, GenesysTokenResponseClient> transports = new ConcurrentHashMap<>();
		return (org) -> {
			GenesysRoute route = tokenRoute(beanFactory, org);
			return route.equals(tokenRoute(beanFactory, GenesysOrgs.DEFAULT)) ? null
					: transports.computeIfAbsent(route, (own) -> tokenResponseClient(beanFactory, own, timeout));
		};
	}

	/**
	 * How the token requests of the route travel: over Boot's WebClient where the application has it, else over
	 * Boot's RestClient; the default route's is the {@code genesysTokenResponseClient} bean.
	 */
	static GenesysTokenResponseClient tokenResponseClient(BeanFactory beanFactory, GenesysRoute route,
			Duration timeout) {
		if (hasWebClient(beanFactory)) {
			return Reactive.tokenResponseClient(beanFactory, route);
		}
		RestClient.Builder builder = beanFactory.getBeanProvider(RestClient.Builder.class)
			.getIfAvailable(RestClient::builder)
			.clone();
		return GenesysTokenResponseClient.blocking(new RestClientTokenResponseClient(
				builder.requestFactory(tokenRequestFactory(beanFactory, timeout, route)).build()));
	}

	/**
	 * Checks the route the Genesys clients take, where a proxy or SSL bundle is set, so that one they cannot use fails
	 * start-up rather than their first call.
	 */
	static void checkRoute(BeanFactory beanFactory) {
		GenesysOAuthProperties properties = beanFactory.getBeanProvider(GenesysOAuthProperties.class).getIfAvailable();
		if (properties == null) {
			return;
		}
		List<GenesysRoute> apiRoutes = new ArrayList<>(List.of(GenesysPropertiesResolver.route(properties)));
		List<GenesysRoute> tokenRoutes = new ArrayList<>(
				List.of(GenesysPropertiesResolver.tokenRoute(properties, GenesysOrgs.DEFAULT)));
		properties.getOrgs().keySet().forEach((name) -> {
			apiRoutes.add(GenesysPropertiesResolver.route(properties, name));
			tokenRoutes.add(GenesysPropertiesResolver.tokenRoute(properties, name));
		});
		boolean reactive = hasWebClient(beanFactory) && ClassUtils
			.isPresent("org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder", classLoader(beanFactory));
		// API calls go over both kinds of client; token requests over the one tokenResponseClient picks
		apiRoutes.forEach((route) -> check(beanFactory, route, true, reactive));
		tokenRoutes.forEach((route) -> check(beanFactory, route, !hasWebClient(beanFactory), reactive));
	}

	private static void check(BeanFactory beanFactory, GenesysRoute route, boolean imperative, boolean reactive) {
		if (route.proxy() == null && route.sslBundle() == null) {
			return;
		}
		if (!BOOT_HTTP_CLIENT) {
			// without Boot's builders there is nothing to tell: the clients would go past the proxy
			String property = (route.proxy() != null) ? route.proxy().properties() + "host" : route.sslBundleProperty();
			throw new GenesysPropertyException(property, null,
					property + " is set, but Spring Boot's HTTP client support, which the Genesys clients take "
							+ "their proxy and TLS settings through, is not on the classpath.",
					"Add org.springframework.boot:spring-boot-restclient (the genesys-oauth starter brings it), "
							+ "or remove " + property + ".");
		}
		Boot.settings(beanFactory, true, route);
		if (imperative) {
			Boot.requestFactoryBuilder(beanFactory, route);
		}
		if (reactive) {
			Reactive.connectorBuilder(beanFactory, route);
		}
	}

	/**
	 * Builders for the clients of many orgs, by org name, whose request factory follows no redirect and is the same
	 * for every org of the same route: built on first use and shared, so that a thousand orgs do not make a thousand
	 * HTTP clients (JDK's and Jetty's start threads of their own).
	 */
	static Function<String, RestClient.Builder> routedRestClientBuilders(Supplier<RestClient.Builder> builders,
			BeanFactory beanFactory) {
		if (!BOOT_HTTP_CLIENT) {
			return (org) -> builders.get();
		}
		Map<GenesysRoute, ClientHttpRequestFactory> requestFactories = new ConcurrentHashMap<>();
		return (org) -> builders.get()
			.requestFactory(requestFactories.computeIfAbsent(route(beanFactory, org),
					(route) -> Boot.requestFactory(beanFactory, route)));
	}

	/** As {@link #routedRestClientBuilders}, with connectors. Called only where WebClient is present. */
	static Function<String, WebClient.Builder> routedWebClientBuilders(Supplier<WebClient.Builder> builders,
			BeanFactory beanFactory) {
		if (!BOOT_HTTP_CLIENT) {
			return (org) -> builders.get();
		}
		Map<GenesysRoute, ClientHttpConnector> connectors = new ConcurrentHashMap<>();
		return (org) -> builders.get()
			.clientConnector(connectors.computeIfAbsent(route(beanFactory, org),
					(route) -> Reactive.connector(beanFactory, route)));
	}

	/**
	 * An HTTP service group's request factory replaced with Boot's that follows no redirect, built from the group's
	 * own {@code spring.http.serviceclient.<group>.*} settings as Boot builds it.
	 */
	static RestClient.Builder withoutRedirects(RestClient.Builder builder, BeanFactory beanFactory, String group,
			String org) {
		if (!BOOT_HTTP_CLIENT) {
			return builder;
		}
		GenesysRoute route = route(beanFactory, org);
		return builder.requestFactory(Boot.requestFactoryBuilder(beanFactory, route)
			.build(Boot.groupSettings(beanFactory, group, route)));
	}

	/** An HTTP service group's connector replaced with Boot's that follows no redirect; see the RestClient one. */
	static WebClient.Builder withoutRedirects(WebClient.Builder builder, BeanFactory beanFactory, String group,
			String org) {
		if (!BOOT_HTTP_CLIENT) {
			return builder;
		}
		GenesysRoute route = route(beanFactory, org);
		return builder.clientConnector(Reactive.connectorBuilder(beanFactory, route)
			.build(Boot.groupSettings(beanFactory, group, route)));
	}

	/** What needs Boot's HTTP client module, loaded only where it is present. */
	static final class Boot {

		private Boot() {
		}

		static HttpClientSettings settings(BeanFactory beanFactory, boolean dontFollow) {
			return settings(beanFactory, dontFollow, defaultRoute(beanFactory));
		}

		// Boot's settings, with the route's SSL bundle over spring.http.clients.ssl.bundle
		static HttpClientSettings settings(BeanFactory beanFactory, boolean dontFollow, GenesysRoute route) {
			HttpClientSettings settings = beanFactory.getBeanProvider(HttpClientSettings.class)
				.getIfAvailable(HttpClientSettings::defaults);
			SslBundle bundle = sslBundle(beanFactory, route);
			if (bundle != null) {
				settings = settings.withSslBundle(bundle);
			}
			return dontFollow ? settings.withRedirects(HttpRedirects.DONT_FOLLOW) : settings;
		}

		private static @Nullable SslBundle sslBundle(BeanFactory beanFactory, GenesysRoute route) {
			String name = route.sslBundle();
			if (name == null) {
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
				String property = route.sslBundleProperty();
				throw new GenesysPropertyException(property, name,
						property + " '" + name + "' names no SSL bundle"
								+ ((bundles != null && !bundles.getBundleNames().isEmpty())
										? " (there are " + bundles.getBundleNames() + ")" : "")
								+ ".",
						"Define it with spring.ssl.bundle.pem." + name + ".* or spring.ssl.bundle.jks." + name
								+ ".* (a truststore with your company's CA; a keystore for a client certificate), or "
								+ "set " + property + " to an existing bundle's name.");
			}
		}

		// as Boot's PropertiesRestClientHttpServiceGroupConfigurer maps them: the group's settings over the org's
		static HttpClientSettings groupSettings(BeanFactory beanFactory, String group, GenesysRoute route) {
			HttpServiceClientProperties groups = beanFactory.getBeanProvider(HttpServiceClientProperties.class)
				.getIfAvailable();
			HttpClientSettingsPropertyMapper mapper = new HttpClientSettingsPropertyMapper(
					beanFactory.getBeanProvider(SslBundles.class).getIfAvailable(),
					settings(beanFactory, false, route));
			return mapper.map((groups != null) ? groups.get(group) : null).withRedirects(HttpRedirects.DONT_FOLLOW);
		}

		// the route's request factory, following no redirect: the transport of every Genesys RestClient
		static ClientHttpRequestFactory requestFactory(BeanFactory beanFactory, GenesysRoute route) {
			return requestFactoryBuilder(beanFactory, route).build(settings(beanFactory, true, route));
		}

		// Boot's builder (with its customizers), made to go through the route's proxy
		static ClientHttpRequestFactoryBuilder<?> requestFactoryBuilder(BeanFactory beanFactory, GenesysRoute route) {
			ClientHttpRequestFactoryBuilder<?> builder = beanFactory
				.getBeanProvider(ClientHttpRequestFactoryBuilder.class)
				.getIfAvailable();
			return GenesysProxies.applyTo((builder != null) ? builder : ClientHttpRequestFactoryBuilder.detect(),
					route.proxy());
		}

	}

	/** What needs Boot's reactive HTTP client support, loaded only where WebClient is present. */
	static final class Reactive {

		private Reactive() {
		}

		// the route's connector, following no redirect: the transport of every Genesys WebClient
		static ClientHttpConnector connector(BeanFactory beanFactory, GenesysRoute route) {
			return connectorBuilder(beanFactory, route).build(Boot.settings(beanFactory, true, route));
		}

		static ClientHttpConnectorBuilder<?> connectorBuilder(BeanFactory beanFactory, GenesysRoute route) {
			ClientHttpConnectorBuilder<?> builder = beanFactory.getBeanProvider(ClientHttpConnectorBuilder.class)
				.getIfAvailable();
			return GenesysProxies.applyTo((builder != null) ? builder : ClientHttpConnectorBuilder.detect(),
					route.proxy());
		}

		// token requests over Boot's WebClient.Builder, on the route, following no redirect
		static GenesysTokenResponseClient tokenResponseClient(BeanFactory beanFactory, GenesysRoute route) {
			WebClient.Builder builder = beanFactory.getBeanProvider(WebClient.Builder.class)
				.getIfAvailable(WebClient::builder)
				.clone();
			if (BOOT_HTTP_CLIENT) {
				builder.clientConnector(connector(beanFactory, route));
			}
			return GenesysTokenResponseClient.reactive(WebClientTokenResponseClients.of(builder.build()));
		}

	}

}
