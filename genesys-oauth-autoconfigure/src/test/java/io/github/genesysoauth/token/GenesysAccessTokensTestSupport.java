package io.github.genesysoauth.token;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.genesysoauth.test.GenesysCloudStandIn;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/** Registrations for a stand-in, and truly concurrent callers. */
public final class GenesysAccessTokensTestSupport {

	private GenesysAccessTokensTestSupport() {
	}

	/** A client-credentials registration with the stand-in's credentials and token endpoint. */
	public static ClientRegistration registration(GenesysCloudStandIn genesys) {
		return ClientRegistration.withRegistrationId("genesys")
			.clientId(genesys.clientId())
			.clientSecret(genesys.clientSecret())
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(genesys.tokenUri().toString())
			.build();
	}

	/** Runs the call on that many threads released at once; returns the distinct results. */
	public static Set<String> callConcurrently(int callers, Callable<String> call) throws Exception {
		CyclicBarrier start = new CyclicBarrier(callers);
		Set<String> results = ConcurrentHashMap.newKeySet();
		AtomicInteger index = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(callers,
				(runnable) -> new Thread(runnable, "caller-" + index.getAndIncrement()));
		try {
			List<Future<String>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(threads.submit(() -> {
					start.await(30, TimeUnit.SECONDS);
					return call.call();
				}));
			}
			for (Future<String> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			threads.shutdownNow();
		}
		return results;
	}

}
