package io.github.genesysoauth.autoconfigure;

import java.io.IOException;
import java.net.Authenticator;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
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
 * @param host the proxy's host
 * @param port its port
 * @param username the user name for Basic proxy authentication, or {@code null} for none
 * @param password its password, a secret
 * @param nonProxyHosts hosts reached directly: names, or patterns that start with {@code *.}
 */
record GenesysProxy(String host, int port, @Nullable String username, @Nullable String password,
		List<String> nonProxyHosts) {

	/** Whether requests to that host go directly rather than through the proxy. */
	boolean bypasses(@Nullable String target) {
		if (target == null) {
			return false;
		}
		String lower = target.toLowerCase(Locale.ROOT);
		if (lower.startsWith("[") && lower.endsWith("]")) {
			lower = lower.substring(1, lower.length() - 1);
		}
		for (String pattern : this.nonProxyHosts) {
			String p = pattern.toLowerCase(Locale.ROOT);
			if (p.startsWith("[") && p.endsWith("]")) {
				p = p.substring(1, p.length() - 1);
			}
			if (p.startsWith("*.") ? (lower.endsWith(p.substring(1)) || lower.equals(p.substring(2))) : lower.equals(p)) {
				return true;
			}
		}
		return false;
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

	/** Answers the proxy's 407 with the credentials, and nothing else: never a server's 401. */
	Authenticator authenticator() {
		String user = this.username;
		char[] secret = (this.password != null) ? this.password.toCharArray() : new char[0];
		return new Authenticator() {

			@Override
			protected @Nullable PasswordAuthentication getPasswordAuthentication() {
				if (user == null || getRequestorType() != RequestorType.PROXY) {
					return null;
				}
				return new PasswordAuthentication(user, secret.clone());
			}

		};
	}

	@Override
	public String toString() {
		return "GenesysProxy[" + this.host + ":" + this.port + ((this.username != null) ? ", user " + this.username
				+ ", password ******" : "") + ", nonProxyHosts=" + this.nonProxyHosts + "]";
	}

}
