package io.github.genesysoauth.client;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

/**
 * One hop of a redirect, and the rules that make it. The transports of the Genesys clients never follow a redirect
 * on their own (JDK's HttpClient would copy {@code Authorization} to any host a {@code Location} names), they follow
 * it through {@link GenesysApiCallPolicy#redirect}, hop by hop, and each hop gets the token only if it is for the
 * API's origin and no hop before it left that origin (a server elsewhere cannot have the token sent where it
 * points). A hop to another scheme, host or port than the one before also loses any {@code Authorization} and
 * {@code Cookie} the application set itself, as browsers do. 303 (and 301 or 302 after a POST) turns into a GET
 * without a body; 307 and 308 keep method and body. Written here rather than left to the HTTP client: no client Boot
 * supports can be told to keep a header for one origin only.
 *
 * @param url where it goes
 * @param method its method
 * @param keepBody whether it carries the request's body (307 and 308)
 * @param sameOrigin whether it stays on the scheme, host and port of the hop before, so that it may keep the
 * {@code Authorization} the application set
 */
record Redirect(URI url, HttpMethod method, boolean keepBody, boolean sameOrigin) {

	/** How many redirects one call follows at most (as many as JDK's HttpClient), before the answer is returned. */
	static final int MAX_REDIRECTS = 5;

	/**
	 * Where an answer redirects the request to.
	 * @param method the method of the request that got the answer
	 * @param url its URL
	 * @param status the answer's status
	 * @param headers the answer's headers
	 * @param hops how many redirects this call followed already
	 * @return the next hop, or {@code null} when the answer goes to the caller as it came: not a redirect, no
	 * {@code Location}, a {@code Location} that is not HTTP or goes from HTTPS to plain HTTP, or
	 * {@value #MAX_REDIRECTS} followed already
	 */
	static @Nullable Redirect next(HttpMethod method, URI url, int status, HttpHeaders headers, int hops) {
		if (hops >= MAX_REDIRECTS || !isRedirect(status)) {
			return null;
		}
		String location = headers.getFirst(HttpHeaders.LOCATION);
		if (location == null || location.isBlank()) {
			return null;
		}
		URI target;
		try {
			target = url.resolve(location.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		if (target.getScheme() == null || target.getHost() == null || !isHttp(target.getScheme())
				|| ("https".equalsIgnoreCase(url.getScheme()) && !"https".equalsIgnoreCase(target.getScheme()))) {
			// not HTTP, or from HTTPS down to plain HTTP, where a body, cookies and headers would travel in clear
			return null;
		}
		boolean toGet = (status == 303 && !HttpMethod.HEAD.equals(method))
				|| ((status == 301 || status == 302) && HttpMethod.POST.equals(method));
		boolean sameOrigin = url.getScheme().equalsIgnoreCase(target.getScheme())
				&& String.valueOf(url.getHost()).equalsIgnoreCase(target.getHost()) && port(url) == port(target);
		return new Redirect(target, toGet ? HttpMethod.GET : method, !toGet, sameOrigin);
	}

	/** The port of a URL, the scheme's default where it names none: part of its origin. */
	static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static boolean isHttp(String scheme) {
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

	private static boolean isRedirect(int status) {
		return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
	}

}
