package io.github.genesysoauth.token;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How failure messages name an org's settings, so that they say what to change where the settings were given: the
 * properties of the auto-configuration (which knows their names, this library does not), or code, where a setting is
 * named as a builder method names it ({@code token-uri} becomes {@code tokenUri}). An org has settings of its own
 * ({@code client-id}, {@code region}, ...) and settings it shares with every org ({@code token-request-timeout},
 * {@code retry.max-attempts}, ...), which may come from different places: a run-time org's own settings come from
 * code, its shared ones from properties.
 */
public final class GenesysSettingNames {

	/** Every setting given in code. */
	public static final GenesysSettingNames CODE = new GenesysSettingNames(null, null);

	private final @Nullable String sharedPrefix;

	private final @Nullable String orgPrefix;

	private GenesysSettingNames(@Nullable String sharedPrefix, @Nullable String orgPrefix) {
		this.sharedPrefix = sharedPrefix;
		this.orgPrefix = orgPrefix;
	}

	/**
	 * Settings named by properties.
	 * @param sharedPrefix prefix of the shared settings, ending with a dot; {@code null} where they are given in code
	 * @param orgPrefix prefix of the org's own settings, ending with a dot; {@code null} where they are given in code
	 * @return the names
	 */
	public static GenesysSettingNames of(@Nullable String sharedPrefix, @Nullable String orgPrefix) {
		return (sharedPrefix == null && orgPrefix == null) ? CODE : new GenesysSettingNames(sharedPrefix, orgPrefix);
	}

	/**
	 * The name of a setting every org shares.
	 * @param setting its name in kebab case, such as {@code retry.max-attempts}
	 * @return the property, or the setting's name in code
	 */
	public String shared(String setting) {
		return name(this.sharedPrefix, setting);
	}

	/**
	 * The name of a setting of the org's own.
	 * @param setting its name in kebab case, such as {@code client-id}
	 * @return the property, or the setting's name in code
	 */
	public String org(String setting) {
		return name(this.orgPrefix, setting);
	}

	/**
	 * Where all of the org's own settings are given.
	 * @return such as {@code genesys.oauth.orgs.acme.*}, or {@code its GenesysOrgSettings} for settings of code
	 */
	public String orgSettings() {
		return (this.orgPrefix != null) ? this.orgPrefix + "*" : "its GenesysOrgSettings";
	}

	/**
	 * Whether the org's own settings are properties.
	 * @return {@code true} where they are
	 */
	public boolean orgFromProperties() {
		return this.orgPrefix != null;
	}

	private static String name(@Nullable String prefix, String setting) {
		Objects.requireNonNull(setting, "setting");
		if (prefix != null) {
			return prefix + setting;
		}
		StringBuilder camel = new StringBuilder(setting.length());
		for (int i = 0; i < setting.length(); i++) {
			char c = setting.charAt(i);
			if (c == '-' && i + 1 < setting.length()) {
				camel.append(Character.toUpperCase(setting.charAt(++i)));
			}
			else {
				camel.append(c);
			}
		}
		return camel.toString();
	}

	@Override
	public String toString() {
		return "GenesysSettingNames[shared=" + this.sharedPrefix + ", org=" + this.orgPrefix + "]";
	}

}
