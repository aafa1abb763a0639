package io.github.genesysoauth.test.spring;

import io.github.genesysoauth.test.GenesysCloudStandIn;

import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.TestExecutionListener;

/** Before each test of a class annotated {@link AutoConfigureGenesysCloudStandIn}: heals the stand-in, zeroes its counters. */
final class GenesysCloudStandInTestExecutionListener implements TestExecutionListener, Ordered {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
				AutoConfigureGenesysCloudStandIn.class) == null) {
			return;
		}
		GenesysCloudStandIn standIn = testContext.getApplicationContext()
			.getBean(GenesysCloudStandInContextCustomizerFactory.BEAN_NAME, GenesysCloudStandIn.class);
		standIn.heal();
		standIn.resetCounters();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

}
