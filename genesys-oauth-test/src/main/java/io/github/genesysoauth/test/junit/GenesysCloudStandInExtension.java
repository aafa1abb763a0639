package io.github.genesysoauth.test.junit;

import java.util.Objects;
import java.util.function.Consumer;

import io.github.genesysoauth.test.GenesysCloudStandIn;
import io.github.genesysoauth.test.GenesysCloudStandInBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts a {@link GenesysCloudStandIn} once per test class, stops it after the class, and before each test heals
 * every fault and sets the counters back to zero, so that tests do not see each other's faults or requests; clients
 * added with {@code addClient} stay, with their secrets, as configuration does. Tests receive it as a parameter, or
 * through {@link #standIn()} when the extension is a field:
 *
 * <pre>{@code
 * @ExtendWith(GenesysCloudStandInExtension.class)
 * class MyTest {
 *     @Test
 *     void test(GenesysCloudStandIn genesys) { ... }
 * }
 *
 * class MyOtherTest {
 *     @RegisterExtension
 *     static GenesysCloudStandInExtension genesys = GenesysCloudStandInExtension.configured(
 *             (standIn) -> standIn.tokenLifetime(Duration.ofMinutes(5)));
 * }
 * }</pre>
 *
 * <p>With Spring Boot tests, {@code @AutoConfigureGenesysCloudStandIn} also points {@code genesys.oauth.*} at it.
 */
public final class GenesysCloudStandInExtension
		implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(GenesysCloudStandInExtension.class);

	private final Consumer<GenesysCloudStandInBuilder> configuration;

	private GenesysCloudStandIn standIn;

	/** An extension with Genesys's defaults, for {@code @ExtendWith}. */
	public GenesysCloudStandInExtension() {
		this((builder) -> {
		});
	}

	private GenesysCloudStandInExtension(Consumer<GenesysCloudStandInBuilder> configuration) {
		this.configuration = configuration;
	}

	/**
	 * An extension whose stand-in is described further, for {@code @RegisterExtension}.
	 * @param configuration what to change on the builder, e.g. the token lifetime or the rate limit
	 * @return the extension
	 */
	public static GenesysCloudStandInExtension configured(Consumer<GenesysCloudStandInBuilder> configuration) {
		return new GenesysCloudStandInExtension(Objects.requireNonNull(configuration, "configuration"));
	}

	/**
	 * The running stand-in.
	 * @return it, once the test class has started
	 * @throws IllegalStateException before that
	 */
	public GenesysCloudStandIn standIn() {
		if (this.standIn == null) {
			throw new IllegalStateException("The Genesys Cloud stand-in starts before the test class's first test; "
					+ "register the extension on a static field with @RegisterExtension");
		}
		return this.standIn;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.standIn = context.getStore(NAMESPACE).computeIfAbsent(GenesysCloudStandIn.class, (key) -> {
			GenesysCloudStandInBuilder builder = GenesysCloudStandIn.builder();
			this.configuration.accept(builder);
			return builder.start();
		}, GenesysCloudStandIn.class);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		GenesysCloudStandIn current = standIn();
		current.heal();
		current.resetCounters();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		GenesysCloudStandIn started = context.getStore(NAMESPACE).remove(GenesysCloudStandIn.class,
				GenesysCloudStandIn.class);
		if (started != null) {
			started.close();
		}
		this.standIn = null;
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == GenesysCloudStandIn.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return standIn();
	}

}
