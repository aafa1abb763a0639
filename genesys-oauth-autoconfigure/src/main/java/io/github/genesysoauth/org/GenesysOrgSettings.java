package io.github.genesysoauth.org;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import io.github.genesysoauth.region.GenesysEndpoints;
import io.github.genesysoauth.region.GenesysRegion;
import io.github.genesysoauth.token.GenesysSettingNames;
import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;

/**
 * What to connect to for one Genesys Cloud organization: its OAuth client's credentials, and its region (or domain,
 * or explicit URIs). Built with {@link #builder()}; {@link Builder#build()} checks every value as the
 * {@code genesys.oauth.*} properties are checked at start-up, with the same messages, so an org loaded from a
 * database or a vault fails where it is made and says what is wrong. {@link #toString()} never shows the secret.
 *
 * <p>This is the one place such settings are checked, whether they come from {@code genesys.oauth.*},
 * {@code genesys.oauth.orgs.<name>.*} or code.
 */
public final class GenesysOrgSettings {

	private static final Pattern DOMAIN = Pattern
		.compile("(?i)^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

	private static final Pattern IPV4_LOOPBACK = Pattern.compile("^127(\\.\\d{1,3}){3}$");

	private final String clientId;

	private final String clientSecret;

	private final String regionLabel;

	private final GenesysEndpoints endpoints;

	private final List<String> scopes;

	private GenesysOrgSettings(Builder builder, String clientId, String clientSecret, GenesysEndpoints endpoints) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.regionLabel = builder.regionLabel();
		this.endpoints = endpoints;
		this.scopes = builder.scopes.stream().filter((scope) -> scope != null && !scope.isBlank()).toList();
	}

	/**
	 * Starts describing an org.
	 * @return a builder; {@code clientId} and {@code clientSecret} are required
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** {@return the OAuth client id} */
	public String clientId() {
		return this.clientId;
	}

	/** {@return the OAuth client secret} */
	public String clientSecret() {
		return this.clientSecret;
	}

	/** {@return the token endpoint: the one given, else the region's or domain's} */
	public URI tokenUri() {
		return this.endpoints.tokenUri();
	}

	/** {@return the Platform API base URL: the one given, else the region's or domain's} */
	public URI apiBaseUrl() {
		return this.endpoints.apiBaseUrl();
	}

	/** {@return the scopes to request; usually none} */
	public List<String> scopes() {
		return this.scopes;
	}

	/** {@return the region's key, such as {@code eu-west-1}, or the domain when one was given instead} */
	public String regionLabel() {
		return this.regionLabel;
	}

	/**
	 * Whether another org's settings talk to the same hosts with the same scopes, so that only credentials differ.
	 * @param other the other settings
	 * @return whether only the credentials may differ
	 */
	public boolean sameEndpoints(GenesysOrgSettings other) {
		return this.endpoints.equals(other.endpoints) && this.scopes.equals(other.scopes);
	}

	/**
	 * The Spring Security registration of these settings: grant {@code client_credentials}, authentication
	 * {@code client_secret_basic}, a {@code scope} only where scopes are set.
	 * @param registrationId the registration id
	 * @return the registration
	 */
	public ClientRegistration clientRegistration(String registrationId) {
		ClientRegistration.Builder builder = ClientRegistration.withRegistrationId(registrationId)
			.clientName("Genesys Cloud")
			.clientId(this.clientId)
			.clientSecret(this.clientSecret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(this.endpoints.tokenUri().toString());
		if (!this.scopes.isEmpty()) {
			builder.scope(this.scopes);
		}
		return builder.build();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof GenesysOrgSettings that) && this.clientId.equals(that.clientId)
				&& this.clientSecret.equals(that.clientSecret) && sameEndpoints(that);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.clientId, this.endpoints, this.scopes);
	}

	@Override
	public String toString() {
		return "GenesysOrgSettings[clientId=" + this.clientId + ", clientSecret=******, tokenUri="
				+ this.endpoints.tokenUri() + ", apiBaseUrl=" + this.endpoints.apiBaseUrl() + "]";
	}

	/**
	 * Whether a host name is a loopback host, decided on the name alone (resolving it would make start-up depend on
	 * DNS): {@code http://} is accepted only for these.
	 * @param host a host name or address
	 * @return whether it is {@code localhost}, {@code 127.x.x.x} or {@code ::1}
	 */
	public static boolean isLoopback(String host) {
		String bare = host.toLowerCase(Locale.ROOT);
		if (bare.startsWith("[") && bare.endsWith("]")) {
			bare = bare.substring(1, bare.length() - 1);
		}
		return bare.equals("localhost") || bare.endsWith(".localhost") || IPV4_LOOPBACK.matcher(bare).matches()
				|| bare.equals("::1") || bare.equals("0:0:0:0:0:0:0:1");
	}

	/** Describes one org's settings; {@link #build()} checks them. */
	public static final class Builder {

		private @Nullable String clientId;

		private @Nullable String clientSecret;

		private @Nullable GenesysRegion region;

		private @Nullable String domain;

		private @Nullable URI tokenUri;

		private @Nullable URI apiBaseUrl;

		private List<String> scopes = List.of();

		private GenesysSettingNames names = GenesysSettingNames.CODE;

		private Builder() {
		}

		/**
		 * The OAuth client id (required).
		 * @param clientId the client id of a Client Credentials OAuth client
		 * @return this builder
		 */
		public Builder clientId(@Nullable String clientId) {
			this.clientId = clientId;
			return this;
		}

		/**
		 * The OAuth client secret (required).
		 * @param clientSecret the secret
		 * @return this builder
		 */
		public Builder clientSecret(@Nullable String clientSecret) {
			this.clientSecret = clientSecret;
			return this;
		}

		/**
		 * The region; {@code us-east-1} unless a domain is given.
		 * @param region the region
		 * @return this builder
		 */
		public Builder region(@Nullable GenesysRegion region) {
			this.region = region;
			return this;
		}

		/**
		 * The domain of a region not in {@link GenesysRegion} yet, such as {@code mxc1.pure.cloud}.
		 * @param domain the bare domain
		 * @return this builder
		 */
		public Builder domain(@Nullable String domain) {
			this.domain = domain;
			return this;
		}

		/**
		 * The token endpoint, overriding the region's (a proxy, a gateway, a test).
		 * @param tokenUri an {@code https://} URL, or {@code http://} for a loopback host
		 * @return this builder
		 */
		public Builder tokenUri(@Nullable URI tokenUri) {
			this.tokenUri = tokenUri;
			return this;
		}

		/**
		 * The Platform API base URL, overriding the region's.
		 * @param apiBaseUrl an {@code https://} URL, or {@code http://} for a loopback host
		 * @return this builder
		 */
		public Builder apiBaseUrl(@Nullable URI apiBaseUrl) {
			this.apiBaseUrl = apiBaseUrl;
			return this;
		}

		/**
		 * Scopes to request; Genesys needs none for client credentials.
		 * @param scopes the scopes
		 * @return this builder
		 */
		public Builder scopes(@Nullable Collection<String> scopes) {
			this.scopes = (scopes != null) ? new ArrayList<>(scopes) : List.of();
			return this;
		}

		/**
		 * How the messages of {@link #build()} name the settings: the properties they were read from, such as
		 * {@code genesys.oauth.orgs.acme.client-id}; by default as this builder's methods name them
		 * ({@code clientId}).
		 * @param names the names
		 * @return this builder
		 */
		public Builder settingNames(GenesysSettingNames names) {
			this.names = Objects.requireNonNull(names, "names");
			return this;
		}

		/**
		 * Checks the settings and builds them.
		 * @return the settings
		 * @throws InvalidGenesysPropertyException naming the value to fix and what to set
		 */
		public GenesysOrgSettings build() {
			String clientId = required(this.clientId, "client-id", "to the client id of a Genesys Cloud OAuth client "
					+ "that uses the Client Credentials grant");
			String clientSecret = required(this.clientSecret, "client-secret",
					"to that OAuth client's secret, preferably from a secret store rather than a committed file");
			return new GenesysOrgSettings(this, clientId.strip(), clientSecret, endpoints());
		}

		/**
		 * Checks and derives the endpoints alone, for a registration that brings its own credentials.
		 * @return the token endpoint and Platform API base URL
		 * @throws InvalidGenesysPropertyException naming the value to fix and what to set
		 */
		public GenesysEndpoints endpoints() {
			GenesysEndpoints derived = regionEndpoints();
			URI token = (this.tokenUri != null) ? checkedUri(this.tokenUri, "token-uri") : derived.tokenUri();
			URI api = (this.apiBaseUrl != null) ? checkedUri(this.apiBaseUrl, "api-base-url") : derived.apiBaseUrl();
			return new GenesysEndpoints(token, api);
		}

		/**
		 * The region's key, such as {@code eu-west-1}, or the domain when one is given instead.
		 * @return the label health reports
		 */
		public String regionLabel() {
			if (this.domain != null && !this.domain.isBlank()) {
				String bare = this.domain.strip();
				return GenesysRegion.ofDomain(bare).map(GenesysRegion::key).orElse(bare);
			}
			return ((this.region != null) ? this.region : GenesysRegion.US_EAST_1).key();
		}

		private String name(String setting) {
			return this.names.org(setting);
		}

		private String required(@Nullable String value, String property, String what) {
			if (value != null && !value.isBlank()) {
				return value;
			}
			String action = "Set " + name(property) + " " + what + ".";
			throw new InvalidGenesysPropertyException(name(property), name(property) + " is not set.", action);
		}

		private GenesysEndpoints regionEndpoints() {
			if (this.domain == null || this.domain.isBlank()) {
				return ((this.region != null) ? this.region : GenesysRegion.US_EAST_1).endpoints();
			}
			String bare = this.domain.strip();
			String lower = bare.toLowerCase(Locale.ROOT);
			if (!DOMAIN.matcher(bare).matches() || lower.startsWith("login.") || lower.startsWith("api.")) {
				throw new InvalidGenesysPropertyException(name("domain"),
						name("domain") + " '" + bare + "' is not a Genesys Cloud region domain.",
						"Set the region's bare domain, such as mxc1.pure.cloud, without scheme, path or the login. or "
								+ "api. prefix; or set " + name("token-uri") + " and " + name("api-base-url")
								+ " instead.");
			}
			if (this.region != null && !this.region.domain().equalsIgnoreCase(bare)) {
				throw new InvalidGenesysPropertyException(name("domain"),
						name("domain") + " '" + bare + "' conflicts with " + name("region") + " '" + this.region.key()
								+ "', whose domain is " + this.region.domain() + ".",
						"Set only one of them: " + name("region") + " for a region the starter knows, or "
								+ name("domain") + " for one it does not know yet.");
			}
			return GenesysEndpoints.forDomain(bare);
		}

		private URI checkedUri(URI uri, String property) {
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
				throw new InvalidGenesysPropertyException(name(property),
						name(property) + " '" + uri + "' is not an absolute https:// URL.",
						"Set a URL such as " + example(property) + ".");
			}
			if (scheme.equals("http") && !isLoopback(uri.getHost())) {
				throw new InvalidGenesysPropertyException(name(property),
						name(property) + " '" + uri + "' uses http:// for " + uri.getHost()
								+ ", which is not a loopback host: the client secret and tokens would travel "
								+ "unencrypted.",
						"Use https://, as in " + example(property)
								+ "; http:// is accepted only for 127.0.0.1, [::1] or localhost (a local stand-in).");
			}
			return uri;
		}

		private static String example(String property) {
			GenesysEndpoints endpoints = GenesysRegion.US_EAST_1.endpoints();
			return property.equals("token-uri") ? endpoints.tokenUri().toString()
					: endpoints.apiBaseUrl().toString();
		}

	}

}
