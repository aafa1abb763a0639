package io.github.genesysoauth.org;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.genesysoauth.client.GenesysApiRequestInterceptor;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends each request through the {@link GenesysApiRequestInterceptor} of a Genesys org as it is now: the org's parts
 * are made again after it was released for being idle, and an org that was removed fails the call with
 * {@link UnknownGenesysOrgException}. What {@link GenesysOrg#restClient()} and the HTTP service groups
 * {@code genesys-<name>} carry.
 */
public final class GenesysOrgRequestInterceptor implements ClientHttpRequestInterceptor {

	private final Supplier<GenesysApiRequestInterceptor> current;

	GenesysOrgRequestInterceptor(Supplier<GenesysApiRequestInterceptor> current) {
		this.current = Objects.requireNonNull(current, "current");
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		return this.current.get().intercept(request, body, execution);
	}

}
