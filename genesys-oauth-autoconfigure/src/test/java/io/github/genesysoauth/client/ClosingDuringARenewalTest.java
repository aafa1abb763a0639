package io.github.genesysoauth.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.api.OrganizationApi;
import io.github.genesysoauth.autoconfigure.GenesysAutoConfigurations;
import io.github.genesysoauth.autoconfigure.GenesysOAuthAutoConfiguration;
import io.github.genesysoauth.autoconfigure.GenesysOAuthSdkAutoConfiguration;
import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.token.GenesysAccessTokens;
import io.github.genesysoauth.token.GenesysAuthenticationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.threeten.extra.MutableClock;

import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Closing the token source while a renewal is in flight (issue 18, item 3): for every client style, no API request
 * starts after {@code close()} returns. Callers with a valid token never waited for the renewal, so none is left to
 * fall back on the old token afterwards; a call made after {@code close()} fails with {@code closed} and sends
 * nothing.
 */
class ClosingDuringARenewalTest {

	private static final Duration LOGIN_DELAY = Duration.ofSeconds(4);

	private final MutableClock clock = MutableClock.of(Instant.parse("2026-12-01T08:00:00Z"), ZoneOffset.UTC);

	private GenesysCloudStandIn genesys;

	private ExecutorService callers;

	@BeforeEach
	void start() {
		this.genesys = GenesysCloudStandIn.builder().tokenLifetime(Duration.ofSeconds(300)).start();
		this.callers = Executors.newFixedThreadPool(8);
	}

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
		this.genesys.close();
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void noApiRequestStartsAfterClose(Style style) {
		new ApplicationContextRunner()
			.withConfiguration(GenesysAutoConfigurations.clients(RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, GenesysOAuthSdkAutoConfiguration.class))
			.withBean("genesysClock", Clock.class, () -> this.clock)
			.withPropertyValues(this.genesys.propertyValues())
			.run((context) -> {
				GenesysAccessTokens tokens = context.getBean(GenesysAccessTokens.class);
				assertThat(style.call(context)).contains("Stand-in Organization");
				// due for renewal, still valid; the login service now takes its time
				this.clock.add(Duration.ofSeconds(250));
				this.genesys.setTokenResponseDelay(LOGIN_DELAY);

				List<Future<Object>> calls = new ArrayList<>();
				for (int caller = 0; caller < 8; caller++) {
					calls.add(this.callers.submit(() -> {
						try {
							return style.call(context);
						}
						catch (Exception ex) {
							return ex;
						}
					}));
				}
				// the callers hold a valid token: they are answered while the renewal is still on its way. Bounded
				// well below the login's delay: callers that wait for the renewal are still waiting at close()
				long deadline = System.nanoTime() + LOGIN_DELAY.dividedBy(2).toNanos();
				while (!calls.stream().allMatch(Future::isDone) && System.nanoTime() < deadline) {
					LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
				}
				assertThat(this.genesys.tokenRequests()).as("the renewal is in flight").isEqualTo(2);

				tokens.close();
				int atClose = this.genesys.apiRequests();
				for (Future<Object> call : calls) {
					call.get(30, TimeUnit.SECONDS);
				}
				Throwable afterClose = catchThrowable(() -> style.call(context));

				assertThat(this.genesys.apiRequests()).as("API requests after close() returned").isEqualTo(atClose);
				assertThat(afterClose).isInstanceOf(GenesysAuthenticationException.class);
				assertThat(((GenesysAuthenticationException) afterClose).getErrorCode()).isEqualTo("closed");
			});
	}

	enum Style {

		REST_CLIENT {
			@Override
			String call(AssertableApplicationContext context) {
				return context.getBean(GenesysOAuthAutoConfiguration.REST_CLIENT_BEAN, RestClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.body(String.class);
			}
		},

		WEB_CLIENT {
			@Override
			String call(AssertableApplicationContext context) {
				return context.getBean(GenesysOAuthAutoConfiguration.WEB_CLIENT_BEAN, WebClient.class)
					.get()
					.uri("/api/v2/organizations/me")
					.retrieve()
					.bodyToMono(String.class)
					.block(Duration.ofSeconds(30));
			}
		},

		SDK {
			@Override
			String call(AssertableApplicationContext context) throws Exception {
				ApiClient client = context.getBean(GenesysOAuthSdkAutoConfiguration.API_CLIENT_BEAN, ApiClient.class);
				return "Stand-in Organization".equals(new OrganizationApi(client).getOrganizationsMe().getName())
						? "Stand-in Organization" : "another org";
			}
		};

		abstract String call(AssertableApplicationContext context) throws Exception;

	}

}
