package io.github.genesysoauth.org;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.genesysoauth.token.GenesysSettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;

/**
 * Describes {@link GenesysOrgs}: how their parts are made, the default org, the orgs of properties, a provider and
 * the timeouts. Start with {@link GenesysOrgs#builder}.
 */
public final class GenesysOrgsBuilder {

	final GenesysOrgAssembler assembly;

	Function<String, RestClient.Builder> restClientBuilders;

	@Nullable GenesysOrg defaultOrg;

	final Map<String, GenesysOrgSettings> configured = new LinkedHashMap<>();

	@Nullable GenesysOrgSettingsProvider provider;

	Duration idleTimeout = Duration.ofHours(1);

	Duration lookupTimeout = Duration.ofSeconds(10);

	Clock clock = Clock.systemUTC();

	Function<String, GenesysSettingNames> settingNames = (name) -> GenesysSettingNames.CODE;

	GenesysOrgsBuilder(GenesysOrgAssembler assembly, Supplier<RestClient.Builder> restClientBuilder) {
		this.assembly = Objects.requireNonNull(assembly, "assembly");
		Objects.requireNonNull(restClientBuilder, "restClientBuilder");
		this.restClientBuilders = (orgName) -> restClientBuilder.get();
	}

	/**
	 * The default org, made of the application's beans; without it, {@code org("default")} fails.
	 * @param defaultOrg the default org, see {@link GenesysOrg#ofDefault}
	 * @return this builder
	 */
	public GenesysOrgsBuilder defaultOrg(@Nullable GenesysOrg defaultOrg) {
		this.defaultOrg = defaultOrg;
		return this;
	}

	/**
	 * An org configured by properties: kept for the application's life.
	 * @param name its name
	 * @param settings its settings
	 * @return this builder
	 */
	public GenesysOrgsBuilder configured(String name, GenesysOrgSettings settings) {
		this.configured.put(GenesysOrgs.checkedName(name), Objects.requireNonNull(settings, "settings"));
		return this;
	}

	/**
	 * Finds orgs that are not known, on first use.
	 * @param provider the provider, or {@code null} for none
	 * @return this builder
	 */
	public GenesysOrgsBuilder provider(@Nullable GenesysOrgSettingsProvider provider) {
		this.provider = provider;
		return this;
	}

	/**
	 * How long an org registered at run time or provided may go unused before it releases its token.
	 * @param idleTimeout a positive duration; one hour by default
	 * @return this builder
	 */
	public GenesysOrgsBuilder idleTimeout(Duration idleTimeout) {
		this.idleTimeout = positive(idleTimeout, "idleTimeout");
		return this;
	}

	/**
	 * How long callers wait for another caller's lookup of the same org.
	 * @param lookupTimeout a positive duration; ten seconds by default
	 * @return this builder
	 */
	public GenesysOrgsBuilder lookupTimeout(Duration lookupTimeout) {
		this.lookupTimeout = positive(lookupTimeout, "lookupTimeout");
		return this;
	}

	/**
	 * The clock that measures idleness.
	 * @param clock the clock; the system clock by default
	 * @return this builder
	 */
	public GenesysOrgsBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * Builders for each org's blocking client by the org's name, in place of the one supplier given first: orgs may
	 * take routes of their own (a proxy, trust).
	 * @param restClientBuilders gives a fresh {@code RestClient.Builder} for the org of that name
	 * @return this builder
	 */
	public GenesysOrgsBuilder restClientBuilders(Function<String, RestClient.Builder> restClientBuilders) {
		this.restClientBuilders = Objects.requireNonNull(restClientBuilders, "restClientBuilders");
		return this;
	}

	/**
	 * How messages name the settings of each org, the orgs configured by properties above all.
	 * @param settingNames the names of an org's settings, by the org's name; as in code by default
	 * @return this builder
	 */
	public GenesysOrgsBuilder settingNames(Function<String, GenesysSettingNames> settingNames) {
		this.settingNames = Objects.requireNonNull(settingNames, "settingNames");
		return this;
	}

	/**
	 * Builds the orgs.
	 * @return the orgs
	 */
	public GenesysOrgs build() {
		return new GenesysOrgs(this);
	}

	private static Duration positive(Duration duration, String name) {
		Objects.requireNonNull(duration, name);
		if (duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, but is " + duration);
		}
		return duration;
	}

}
