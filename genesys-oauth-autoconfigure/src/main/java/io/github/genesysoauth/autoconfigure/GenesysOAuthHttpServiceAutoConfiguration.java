package io.github.genesysoauth.autoconfigure;

import java.util.function.Consumer;

import io.github.genesysoauth.client.GenesysApiCallPolicy;
import io.github.genesysoauth.org.GenesysOrg;
import io.github.genesysoauth.org.GenesysOrgExchangeFilters;
import io.github.genesysoauth.org.GenesysOrgs;
import io.github.genesysoauth.org.UnknownGenesysOrgException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.client.support.RestClientHttpServiceGroupConfigurer;
import org.springframework.web.reactive.function.client.support.WebClientHttpServiceGroupConfigurer;

/**
 * The HTTP service groups of the Genesys orgs: every {@code @HttpExchange} interface imported with
 * {@code @ImportHttpServices(group = "genesys", ...)} calls the default org's Platform API, and one imported into group
 * {@code genesys-<name>} calls org {@code <name>}, each with its org's tokens and the same {@link GenesysApiCallPolicy}
 * as the org's own clients, whether the group is RestClient- or WebClient-backed. The org is looked up for each call,
 * so a group follows an org registered again with new credentials. The base URL is the org's API unless
 * {@code spring.http.serviceclient.<group>.base-url} is set, which an org registered only at run time needs; the
 * group's other {@code spring.http.serviceclient.<group>.*} settings apply as Boot applies them, except that the
 * transport never follows a redirect itself: the org's call policy follows it, as {@code spring.http.clients.redirects}
 * says, and keeps the token on the API's origin. Other groups are left alone.
 *
 * <p>Spring Boot has no OAuth2 support for HTTP service groups yet (spring-boot#46956); Spring Security's
 * {@code OAuth2RestClientHttpServiceGroupConfigurer} is the model, with this starter's single flight and recovery.
 */
@AutoConfiguration(after = GenesysOAuthOrgsAutoConfiguration.class)
@ConditionalOnBean(name = GenesysOAuthAutoConfiguration.ORGS_BEAN)
public final class GenesysOAuthHttpServiceAutoConfiguration {

	/** Name of the HTTP service group that calls the default org. */
	public static final String GROUP = "genesys";

	/** Prefix of the HTTP service group that calls a named org: {@code genesys-<name>}. */
	public static final String ORG_GROUP_PREFIX = GROUP + "-";

	/** Name of the configurer of RestClient-backed groups. */
	public static final String REST_CLIENT_CONFIGURER_BEAN = "genesysRestClientHttpServiceGroupConfigurer";

	/** Name of the configurer of WebClient-backed groups. */
	public static final String WEB_CLIENT_CONFIGURER_BEAN = "genesysWebClientHttpServiceGroupConfigurer";

	/** The org a group calls: {@code default} for {@value #GROUP}, {@code <name>} for {@code genesys-<name>}. */
	static @Nullable String orgOf(String group) {
		if (GROUP.equals(group)) {
			return GenesysOrgs.DEFAULT;
		}
		if (group.startsWith(ORG_GROUP_PREFIX)) {
			String name = group.substring(ORG_GROUP_PREFIX.length());
			return (GenesysOrgs.isValidName(name) && !GenesysOrgs.DEFAULT.equals(name)) ? name : null;
		}
		return null;
	}

	// The group's own base-url, when set, is Boot's to apply; else the org must be known now.
	private static void apiBaseUrlUnlessSet(Environment environment, String group, GenesysOrgs orgs, String org,
			Consumer<String> baseUrl) {
		String property = "spring.http.serviceclient." + group + ".base-url";
		if (environment.containsProperty(property)) {
			return;
		}
		try {
			GenesysOrg known = orgs.org(org);
			baseUrl.accept(known.settings()
				.map((settings) -> settings.apiBaseUrl().toString())
				.orElseGet(() -> known.policy().apiBaseUrl().toString()));
		}
		catch (UnknownGenesysOrgException ex) {
			throw new GenesysPropertyException(property, null, "HTTP service group '" + group + "' calls Genesys org '"
					+ org + "', which is not known at start-up: " + ex.getMessage(),
					"Configure the org with " + (GenesysOrgs.DEFAULT.equals(org) ? "genesys.oauth.client-id"
							: GenesysPropertiesResolver.orgPrefix(org) + "*")
							+ ", or, for an org registered at run time, set " + property + ".");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RestClientHttpServiceGroupConfigurer.class)
	static class RestClientGroupConfiguration {

		@Bean(name = REST_CLIENT_CONFIGURER_BEAN)
		@ConditionalOnMissingBean(name = REST_CLIENT_CONFIGURER_BEAN)
		RestClientHttpServiceGroupConfigurer genesysRestClientHttpServiceGroupConfigurer(
				@Qualifier(GenesysOAuthAutoConfiguration.ORGS_BEAN) ObjectProvider<GenesysOrgs> orgs,
				Environment environment, ListableBeanFactory beanFactory) {
			return (groups) -> groups.forEachClient((group, builder) -> {
				String org = orgOf(group.name());
				if (org != null) {
					GenesysOrgs genesys = orgs.getObject();
					apiBaseUrlUnlessSet(environment, group.name(), genesys, org, builder::baseUrl);
					GenesysTransports.withoutRedirects(builder, beanFactory, group.name(), org);
					builder.requestInterceptor(genesys.requestInterceptor(org));
				}
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebClientHttpServiceGroupConfigurer.class)
	static class WebClientGroupConfiguration {

		@Bean(name = WEB_CLIENT_CONFIGURER_BEAN)
		@ConditionalOnMissingBean(name = WEB_CLIENT_CONFIGURER_BEAN)
		WebClientHttpServiceGroupConfigurer genesysWebClientHttpServiceGroupConfigurer(
				@Qualifier(GenesysOAuthAutoConfiguration.ORGS_BEAN) ObjectProvider<GenesysOrgs> orgs,
				Environment environment, ListableBeanFactory beanFactory) {
			return (groups) -> groups.forEachClient((group, builder) -> {
				String org = orgOf(group.name());
				if (org != null) {
					GenesysOrgs genesys = orgs.getObject();
					apiBaseUrlUnlessSet(environment, group.name(), genesys, org, builder::baseUrl);
					GenesysTransports.withoutRedirects(builder, beanFactory, group.name(), org);
					builder.filter(GenesysOrgExchangeFilters.of(genesys, org));
				}
			});
		}

	}

}
