package io.github.genesysoauth.region;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Genesys Cloud regions the official SDKs know, each a domain from which the login and Platform API hosts are
 * derived. Genesys opens a region about once a year: one this table does not know yet is reached through
 * {@link GenesysEndpoints#forDomain(String)} ({@code genesys.oauth.domain}).
 */
public enum GenesysRegion {

	/** US East (Virginia). */
	US_EAST_1("mypurecloud.com", "US East (Virginia)"),

	/** EU West (Dublin). */
	EU_WEST_1("mypurecloud.ie", "EU West (Dublin)"),

	/** Asia Pacific (Sydney). */
	AP_SOUTHEAST_2("mypurecloud.com.au", "Asia Pacific (Sydney)"),

	/** Asia Pacific (Tokyo). */
	AP_NORTHEAST_1("mypurecloud.jp", "Asia Pacific (Tokyo)"),

	/** EU Central (Frankfurt). */
	EU_CENTRAL_1("mypurecloud.de", "EU Central (Frankfurt)"),

	/** US West (Oregon). */
	US_WEST_2("usw2.pure.cloud", "US West (Oregon)"),

	/** Canada (Central). */
	CA_CENTRAL_1("cac1.pure.cloud", "Canada (Central)"),

	/** Asia Pacific (Seoul). */
	AP_NORTHEAST_2("apne2.pure.cloud", "Asia Pacific (Seoul)"),

	/** EU West (London). */
	EU_WEST_2("euw2.pure.cloud", "EU West (London)"),

	/** Asia Pacific (Mumbai). */
	AP_SOUTH_1("aps1.pure.cloud", "Asia Pacific (Mumbai)"),

	/** FedRAMP (US Gov). */
	US_EAST_2("use2.us-gov-pure.cloud", "FedRAMP (US Gov)"),

	/** South America (Sao Paulo). */
	SA_EAST_1("sae1.pure.cloud", "South America (Sao Paulo)"),

	/** Middle East (UAE). */
	ME_CENTRAL_1("mec1.pure.cloud", "Middle East (UAE)"),

	/** Asia Pacific (Osaka). */
	AP_NORTHEAST_3("apne3.pure.cloud", "Asia Pacific (Osaka)"),

	/** EU Central (Zurich). */
	EU_CENTRAL_2("euc2.pure.cloud", "EU Central (Zurich)"),

	/** Mexico (Central). */
	MX_CENTRAL_1("mxc1.pure.cloud", "Mexico (Central)"),

	/** Asia Pacific (Singapore). */
	AP_SOUTHEAST_1("apse1.pure.cloud", "Asia Pacific (Singapore)"),

	/** EU Sovereign Cloud (Germany). */
	EUSC_DE_EAST_1("edee1.eusc-pure.cloud", "EU Sovereign Cloud (Germany)");

	private final String domain;

	private final String location;

	private final GenesysEndpoints endpoints;

	GenesysRegion(String domain, String location) {
		this.domain = domain;
		this.location = location;
		this.endpoints = GenesysEndpoints.forDomain(domain);
	}

	/** {@return domain of the region, e.g. {@code mypurecloud.ie}} */
	public String domain() {
		return this.domain;
	}

	/** {@return where the region is, e.g. {@code EU West (Dublin)}} */
	public String location() {
		return this.location;
	}

	/** {@return token endpoint and Platform API base URL of the region} */
	public GenesysEndpoints endpoints() {
		return this.endpoints;
	}

	/** {@return the region as written in configuration, e.g. {@code eu-west-1}} */
	public String key() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * Finds the region whose domain this is.
	 * @param domain a domain such as {@code mypurecloud.ie}, any case
	 * @return the region, or empty for a domain the table does not know
	 */
	public static Optional<GenesysRegion> ofDomain(String domain) {
		return Arrays.stream(values()).filter((region) -> region.domain.equalsIgnoreCase(domain)).findFirst();
	}

}
