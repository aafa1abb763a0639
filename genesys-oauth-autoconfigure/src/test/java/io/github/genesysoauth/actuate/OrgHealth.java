package io.github.genesysoauth.actuate;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.health.contributor.CompositeReactiveHealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;

/** The entry of one org in the {@code genesys} health contributor, as {@code /actuator/health/genesys/<org>}. */
public final class OrgHealth {

	private OrgHealth() {
	}

	public static ReactiveHealthIndicator of(BeanFactory context, String org) {
		CompositeReactiveHealthContributor genesys = context.getBean("genesysHealthContributor",
				CompositeReactiveHealthContributor.class);
		return (ReactiveHealthIndicator) genesys.getContributor(org);
	}

}
