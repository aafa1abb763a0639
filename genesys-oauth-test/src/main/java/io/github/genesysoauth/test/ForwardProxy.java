package io.github.genesysoauth.test;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP forward proxy on a free loopback port, as a company network puts in front of the internet: plain
 * requests for {@code http://} URLs ({@code GET http://host/path}) and CONNECT tunnels (for {@code https://} URLs, and
 * for clients that tunnel everything, as Reactor Netty does), optionally behind Basic proxy authentication. It relays
 * what it is asked to and records every request it got, so that a test can show which traffic went through it.
 *
 * <p>{@link #route(int, int)} lets a test give its clients a port where nothing listens: only through the proxy does
 * a request reach the server behind it, so a request that bypassed the proxy fails instead of passing unnoticed.
 *
 * <p>Written for tests rather than taken from a library: the proxies on Maven Central either intercept TLS themselves
 * or bring a Netty of their own, and a test needs to count the tunnels and requests it relays.
 */
public final class ForwardProxy implements Closeable {

	private final ServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "forward-proxy");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Relayed> relayed = new CopyOnWriteArrayList<>();

	private final Map<Integer, Integer> routes = new ConcurrentHashMap<>();

	// every socket open now, client side and server side, closed with the proxy: a blocking read ignores interrupts
	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final String credentials;

	private volatile boolean closed;

	private ForwardProxy(String username, String password) throws IOException {
		this.credentials = (username != null) ? Base64.getEncoder()
			.encodeToString((username + ":" + Objects.requireNonNullElse(password, "")).getBytes(StandardCharsets.UTF_8))
				: null;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		this.threads.execute(this::accept);
	}

	/**
	 * Starts a proxy that asks for no credentials.
	 * @return the proxy, listening
	 */
	public static ForwardProxy start() {
		return start(null, null);
	}

	/**
	 * Starts a proxy that answers 407 to any request without these Basic credentials.
	 * @param username the user name, or {@code null} for no authentication
	 * @param password the password
	 * @return the proxy, listening
	 */
	public static ForwardProxy start(String username, String password) {
		try {
			return new ForwardProxy(username, password);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@return the proxy's host, for {@code genesys.oauth.proxy.host}} */
	public String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	/** {@return the proxy's port, for {@code genesys.oauth.proxy.port}} */
	public int port() {
		return this.server.getLocalPort();
	}

	/**
	 * Relays what is asked for {@code port} on a loopback host to {@code to} instead.
	 * @param port the port the clients are given
	 * @param to the port the server listens on
	 * @return this proxy
	 */
	public ForwardProxy route(int port, int to) {
		this.routes.put(port, to);
		return this;
	}

	/** {@return a loopback port where nothing listens now, to {@link #route} to a server} */
	public static int unusedPort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** {@return every request the proxy got, relayed or refused, in order} */
	public List<Relayed> requests() {
		return List.copyOf(this.relayed);
	}

	/** {@return the requests the proxy relayed (authenticated, where it asks for credentials)} */
	public List<Relayed> relayedRequests() {
		return this.relayed.stream().filter(Relayed::relayed).toList();
	}

	/** {@return the requests it refused with 407} */
	public long refusedRequests() {
		return this.relayed.stream().filter((request) -> !request.relayed()).count();
	}

	/** Forgets the requests recorded so far. */
	public void reset() {
		this.relayed.clear();
	}

	@Override
	public void close() {
		this.closed = true;
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
		for (Socket socket : this.sockets) {
			closeQuietly(socket);
		}
		this.threads.shutdownNow();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	private void accept() {
		while (!this.closed) {
			try {
				Socket client = this.server.accept();
				this.sockets.add(client);
				this.threads.execute(() -> serve(client));
			}
			catch (IOException | RuntimeException ex) {
				// a connection that failed to be accepted; the next one is served
			}
		}
	}

	private void serve(Socket client) {
		try (client) {
			InputStream in = client.getInputStream();
			OutputStream out = client.getOutputStream();
			List<String> head = readHead(in);
			if (head.isEmpty()) {
				return;
			}
			String[] requestLine = head.get(0).split(" ", 3);
			boolean connect = requestLine[0].equalsIgnoreCase("CONNECT");
			String authorization = header(head, "Proxy-Authorization");
			boolean allowed = this.credentials == null || ("Basic " + this.credentials).equals(authorization);
			String target = connect ? requestLine[1] : authority(URI.create(requestLine[1]));
			this.relayed.add(new Relayed(requestLine[0], target, connect ? null : URI.create(requestLine[1]).getRawPath(),
					authorization != null, allowed));
			if (!allowed) {
				// the request's body read first, so that closing after the answer does not reset the connection
				drain(in, head);
				out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"proxy\"\r\n"
						+ "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
				return;
			}
			try (Socket server = connect(target)) {
				this.sockets.add(server);
				if (connect) {
					out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
					out.flush();
				}
				else {
					server.getOutputStream().write(forwarded(head, URI.create(requestLine[1])));
				}
				this.threads.execute(() -> pipe(in, server));
				pipe(server.getInputStream(), client);
			}
		}
		catch (IOException ex) {
			// a client or server that went away: nothing to relay any more
		}
		finally {
			this.sockets.remove(client);
		}
	}

	private static void drain(InputStream in, List<String> head) throws IOException {
		String length = header(head, "Content-Length");
		if (length != null) {
			in.readNBytes(Integer.parseInt(length.strip()));
		}
	}

	// the request for the server: its path alone, no proxy headers, and the connection closed after the answer, so
	// that the next request comes as a request of its own (and is counted)
	private static byte[] forwarded(List<String> head, URI url) {
		StringBuilder request = new StringBuilder();
		String[] requestLine = head.get(0).split(" ", 3);
		String path = (url.getRawPath() == null || url.getRawPath().isEmpty()) ? "/" : url.getRawPath();
		request.append(requestLine[0])
			.append(' ')
			.append(path)
			.append((url.getRawQuery() != null) ? "?" + url.getRawQuery() : "")
			.append(' ')
			.append(requestLine[2])
			.append("\r\n");
		for (String line : head.subList(1, head.size())) {
			String name = line.substring(0, Math.max(0, line.indexOf(':'))).trim().toLowerCase(Locale.ROOT);
			if (!name.startsWith("proxy-") && !name.equals("connection") && !name.equals("keep-alive")) {
				request.append(line).append("\r\n");
			}
		}
		request.append("Connection: close\r\n\r\n");
		return request.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private Socket connect(String authority) throws IOException {
		int colon = authority.lastIndexOf(':');
		String host = authority.substring(0, colon);
		int port = Integer.parseInt(authority.substring(colon + 1));
		Integer routed = this.routes.get(port);
		return new Socket(host.replace("[", "").replace("]", ""), (routed != null) ? routed : port);
	}

	private static String authority(URI url) {
		int port = (url.getPort() != -1) ? url.getPort() : ("https".equalsIgnoreCase(url.getScheme()) ? 443 : 80);
		return url.getHost() + ":" + port;
	}

	private static String header(List<String> head, String name) {
		for (String line : head.subList(1, head.size())) {
			int colon = line.indexOf(':');
			if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
				return line.substring(colon + 1).trim();
			}
		}
		return null;
	}

	// the request line and headers, up to the empty line; the body, if any, is left in the stream to be relayed
	private static List<String> readHead(InputStream in) throws IOException {
		List<String> lines = new ArrayList<>();
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int previous = -1;
		int next;
		while ((next = in.read()) != -1) {
			if (previous == '\r' && next == '\n') {
				byte[] bytes = line.toByteArray();
				String text = new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
				if (text.isEmpty()) {
					return lines;
				}
				lines.add(text);
				line.reset();
			}
			else {
				line.write(next);
			}
			previous = next;
		}
		return lines;
	}

	private static void pipe(InputStream from, Socket to) {
		try {
			from.transferTo(to.getOutputStream());
			to.shutdownOutput();
		}
		catch (IOException ex) {
			// one side closed: the other follows
		}
	}

	/**
	 * One request the proxy got.
	 *
	 * @param method its method, {@code CONNECT} for a tunnel
	 * @param target the host and port asked for, as the client named them
	 * @param path the path asked for, or {@code null} for a tunnel, whose requests the proxy cannot read
	 * @param credentialsSent whether it carried {@code Proxy-Authorization}
	 * @param relayed whether the proxy relayed it, rather than answering 407
	 */
	public record Relayed(String method, String target, String path, boolean credentialsSent,
			boolean relayed) {
	}

}
