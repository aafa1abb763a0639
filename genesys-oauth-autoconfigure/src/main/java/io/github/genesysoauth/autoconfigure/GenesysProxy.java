package io.github.genesysoauth.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The HTTP proxy of {@code genesys.oauth.proxy.*} that every Genesys client goes through, token requests and API calls
 * alike: plain requests for {@code http://} hosts, a CONNECT tunnel for {@code https://} ones, with Basic proxy
 * authentication where a user name is set. Hosts of {@code non-proxy-hosts} are reached directly, and only those:
 * unlike the JDK's and Reactor Netty's defaults, loopback hosts are not left out unless listed, so that a local
 * stand-in behind a test proxy goes through it too.
 *
 * <p>Written here because Spring Boot has no proxy settings: how each HTTP client Boot supports is told about this
 * proxy is in {@link GenesysProxies}.
 *
 * @param properties the prefix of the properties it was set with, such as {@code genesys.oauth.proxy.}, for messages
 * @param host the proxy's host
 * @param port its port
 * @param username the user name for Basic proxy authentication, or {@code null} for none
 * @param password its password, a secret
 * @param nonProxyHosts hosts reached directly: names, or patterns that start with {@code *.} or {@code .}
 */
record GenesysProxy(String properties, String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	/**
	 * Whether requests to that host go directly rather than through the proxy: a host listed as it is, or below a
	 * {@code *.corp.example} or {@code .corp.example} pattern (as JDK's {@code http.nonProxyHosts}, not
	 * {@code corp.example} itself).
	 */
	boolean bypasses(@Nullable String target) {
		if (target == null) {
			return false;
		}
		String host = unbracketed(target.toLowerCase(Locale.ROOT));
		for (String pattern : this.nonProxyHosts) {
			String p = unbracketed(pattern.toLowerCase(Locale.ROOT));
			String suffix = p.startsWith("*.") ? p.substring(1) : p.startsWith(".") ? p : null;
			if ((suffix != null) ? host.endsWith(suffix) : host.equals(p)) {
				return true;
			}
		}
		return false;
	}

	private static String unbracketed(String host) {
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	boolean authenticates() {
		return this.username != null;
	}

	InetSocketAddress address() {
		return InetSocketAddress.createUnresolved(this.host, this.port);
	}

	/** As the JDK's clients are told about it. */
	ProxySelector selector() {
		Proxy proxy = new Proxy(Proxy.Type.HTTP, address());
		return new ProxySelector() {

			@Override
			public List<Proxy> select(URI uri) {
				return bypasses(uri.getHost()) ? List.of(Proxy.NO_PROXY) : List.of(proxy);
			}

			@Override
			public void connectFailed(URI uri, SocketAddress address, IOException ex) {
				// the client reports the failure to its caller; there is no other proxy to try
			}

		};
	}

	@Override
	public String toString() {
		return "GenesysProxy[" + this.properties + "*: " + this.host + ":" + this.port + ((this.username != null) ? ", user " + this.username
				+ ", password ******" : "") + ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
