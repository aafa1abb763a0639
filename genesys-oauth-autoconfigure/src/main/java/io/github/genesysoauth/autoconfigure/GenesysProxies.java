package io.github.genesysoauth.autoconfigure;

import java.net.Proxy;
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
 * proxy credentials, which it cannot send for these clients (Reactor Netty can).
 */
final class GenesysProxies {

	private static final String IMPERATIVE = "spring.http.clients.imperative.factory";

	private static final String REACTIVE = "spring.http.clients.reactive.connector";


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
		return new GenesysPropertyException(proxy.properties() + "host", proxy.host(),
				proxy.properties() + "host is set, but the HTTP client the Genesys clients are built with ("
						+ builder + ") cannot be told about the proxy"
						+ (builder.startsWith("Simple") ? " with credentials or non-proxy hosts" : "") + ".",
				"Set " + property + " to jdk or reactor (the clients a proxy is applied to), or remove "
						+ proxy.properties() + "*.");
	}

	/** JDK's HttpClient: the proxy as its {@code ProxySelector}, without credentials. */
	private static final class Jdk {

		static ClientHttpRequestFactoryBuilder<?> applyTo(ClientHttpRequestFactoryBuilder<?> builder,
				GenesysProxy proxy) {
			checkCredentials(proxy, IMPERATIVE);
			// the selector through Boot's builder, which wraps it in its own (and so keeps its InetAddressFilter)
			return ((JdkClientHttpRequestFactoryBuilder) builder).withProxySelector(proxy.selector());
		}

		static ClientHttpConnectorBuilder<?> applyTo(ClientHttpConnectorBuilder<?> builder, GenesysProxy proxy) {
			checkCredentials(proxy, REACTIVE);
			return ((JdkClientHttpConnectorBuilder) builder).withProxySelector(proxy.selector());
		}

		// JDK's HttpClient takes proxy credentials only through an Authenticator, which sends none for a CONNECT tunnel
		// (every https:// host) while the JVM's jdk.http.auth.tunneling.disabledSchemes lists Basic, its default, and
		// which also takes over the token request's own Basic authentication (the login service then sees no client)
		private static void checkCredentials(GenesysProxy proxy, String property) {
			if (proxy.authenticates()) {
				throw new GenesysPropertyException(proxy.properties() + "username", proxy.username(),
						proxy.properties() + "username is set, but JDK's HttpClient, which the Genesys clients are built "
								+ "with (" + property + "), cannot send proxy credentials for them: it sends none "
								+ "for https:// hosts by default, and its Authenticator takes over the token "
								+ "requests' own authentication.",
						"Set " + property + " to reactor for a proxy that asks for credentials, or let the proxy "
								+ "authenticate these hosts otherwise.");
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
