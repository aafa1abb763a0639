package io.github.genesysoauth.autoconfigure;

import java.net.Proxy;
import java.util.Arrays;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;

/**
 * Tells each HTTP client Spring Boot builds about the {@link GenesysProxy}: JDK's {@code HttpClient} and Reactor
 * Netty, for RestClient and WebClient alike, through the customizers of Boot's builders (Boot has no
 * proxy setting of its own). Each client library is touched in a class of its own, loaded only where the application
 * chose that client. A client this does not configure (Apache HttpClient and Jetty, so far; a builder of the
 * application's own; the simple {@code HttpURLConnection} factory with credentials or non-proxy hosts) fails start-up
 * with what to choose instead, rather than sending the token requests past the proxy. So does JDK's HttpClient with
 * proxy credentials where the JVM forbids Basic authentication for CONNECT tunnels, its default.
 */
final class GenesysProxies {

	private static final String IMPERATIVE = "spring.http.clients.imperative.factory";

	private static final String REACTIVE = "spring.http.clients.reactive.connector";

	private static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

	private GenesysProxies() {
	}

	/** The builder, made to go through the proxy; the same builder where there is none. */
	static ClientHttpRequestFactoryBuilder<?> applyTo(ClientHttpRequestFactoryBuilder<?> builder,
			@Nullable GenesysProxy proxy) {
		if (proxy == null) {
			return builder;
		}
		String type = builder.getClass().getName();
		if (type.equals("org.springframework.boot.http.client.JdkClientHttpRequestFactoryBuilder")) {
			return Jdk.applyTo(builder, proxy);
		}
		if (type.equals("org.springframework.boot.http.client.ReactorClientHttpRequestFactoryBuilder")) {
			return Reactor.applyTo(builder, proxy);
		}
		if (type.equals("org.springframework.boot.http.client.SimpleClientHttpRequestFactoryBuilder")
				&& !proxy.authenticates() && proxy.nonProxyHosts().isEmpty()) {
			return ((SimpleClientHttpRequestFactoryBuilder) builder)
				.withCustomizer((factory) -> factory.setProxy(new Proxy(Proxy.Type.HTTP, proxy.address())));
		}
		throw cannotHonour(IMPERATIVE, builder.getClass().getSimpleName(), proxy);
	}

	/** The connector builder, made to go through the proxy; the same builder where there is none. */
	static ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder, @Nullable GenesysProxy proxy) {
		if (proxy == null) {
			return builder;
		}
		String type = builder.getClass().getName();
		if (type.equals("org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder")) {
			return Jdk.applyTo(builder, proxy);
		}
		if (type.equals("org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder")) {
			return Reactor.applyTo(builder, proxy);
		}
		throw cannotHonour(REACTIVE, builder.getClass().getSimpleName(), proxy);
	}

	private static GenesysPropertyException cannotHonour(String property, String builder, GenesysProxy proxy) {
		return new GenesysPropertyException(GenesysPropertiesResolver.PROXY_HOST, proxy.host(),
				"genesys.oauth.proxy.host is set, but the HTTP client the Genesys clients are built with ("
						+ builder + ") cannot be told about the proxy"
						+ (builder.startsWith("Simple") ? " with credentials or non-proxy hosts" : "") + ".",
				"Set " + property + " to jdk or reactor (the clients genesys.oauth.proxy.* applies to), or remove "
						+ "genesys.oauth.proxy.*.");
	}

	/** JDK's HttpClient: the proxy as its {@code ProxySelector}, its credentials as its {@code Authenticator}. */
	private static final class Jdk {

		static ClientHttpRequestFactoryBuilder<?> applyTo(ClientHttpRequestFactoryBuilder<?> builder,
				GenesysProxy proxy) {
			checkTunnelling(proxy, IMPERATIVE);
			return ((JdkClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer((client) -> customize(client, proxy));
		}

		static ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder, GenesysProxy proxy) {
			checkTunnelling(proxy, REACTIVE);
			return ((JdkClientHttpConnectorBuilder) builder)
				.withHttpClientCustomizer((client) -> customize(client, proxy));
		}

		// JDK's HttpClient sends no Basic credentials to a proxy for a CONNECT tunnel (every https:// host) while
		// jdk.http.auth.tunneling.disabledSchemes lists Basic, as it does by default
		private static void checkTunnelling(GenesysProxy proxy, String property) {
			String disabled = System.getProperty(TUNNELING_DISABLED_SCHEMES, "Basic");
			boolean basicDisabled = Arrays.stream(disabled.split(","))
				.anyMatch((scheme) -> scheme.strip().equalsIgnoreCase("basic"));
			if (proxy.authenticates() && basicDisabled) {
				throw new GenesysPropertyException(GenesysPropertiesResolver.PROXY_USERNAME, proxy.username(),
						"genesys.oauth.proxy.username is set, but JDK's HttpClient, which the Genesys clients are built "
								+ "with (" + property + "), sends no Basic credentials to a proxy for https:// hosts "
								+ "while the JVM's " + TUNNELING_DISABLED_SCHEMES + " lists Basic, as it does by default.",
						"Start the JVM with -D" + TUNNELING_DISABLED_SCHEMES + "= (empty), or set " + property
								+ " to reactor.");
			}
		}

		private static void customize(java.net.http.HttpClient.Builder client, GenesysProxy proxy) {
			client.proxy(proxy.selector());
			if (proxy.authenticates()) {
				client.authenticator(proxy.authenticator());
			}
		}

	}

	/**
	 * Reactor Netty: an HTTP proxy (a CONNECT tunnel for every host, as Netty tunnels plain HTTP too), with Basic
	 * credentials sent up front. Its own list of hosts to reach directly, which leaves out loopback hosts by
	 * default, is replaced by the proxy's.
	 */
	private static final class Reactor {

		static ClientHttpRequestFactoryBuilder<?> applyTo(ClientHttpRequestFactoryBuilder<?> builder,
				GenesysProxy proxy) {
			return ((ReactorClientHttpRequestFactoryBuilder) builder)
				.withHttpClientCustomizer((client) -> customize(client, proxy));
		}

		static ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder, GenesysProxy proxy) {
			return ((ReactorClientHttpConnectorBuilder) builder)
				.withHttpClientCustomizer((client) -> customize(client, proxy));
		}

		private static reactor.netty.http.client.HttpClient customize(reactor.netty.http.client.HttpClient client,
				GenesysProxy proxy) {
			Predicate<java.net.SocketAddress> direct = (address) -> address instanceof java.net.InetSocketAddress inet
					&& proxy.bypasses(inet.getHostString());
			return client.proxy((spec) -> {
				ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP)
					.host(proxy.host())
					.port(proxy.port())
					.nonProxyHostsPredicate(direct);
				if (proxy.authenticates()) {
					String password = (proxy.password() != null) ? proxy.password() : "";
					builder.username(proxy.username()).password((user) -> password);
				}
			});
		}

	}

}
