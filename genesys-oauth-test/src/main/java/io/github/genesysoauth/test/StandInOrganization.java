package io.github.genesysoauth.test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The organization the stand-in pretends to be. */
record StandInOrganization(String id, String name, String clientId) {

	static StandInOrganization named(String name, String clientId) {
		return new StandInOrganization(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), name,
				clientId);
	}

	String json() {
		return "{\"id\":\"" + this.id + "\",\"name\":\"" + GenesysResponses.escape(this.name)
				+ "\",\"defaultLanguage\":\"en-us\",\"defaultCountryCode\":\"US\",\"thirdPartyOrgName\":\"stand-in\","
				+ "\"domain\":\"stand-in\",\"version\":1,\"state\":\"active\",\"defaultSiteId\":null,"
				+ "\"deletable\":false,\"selfUri\":\"/api/v2/organizations/" + this.id + "\"}";
	}

	String tokenInfoJson() {
		String organization = "{\"id\":\"" + this.id + "\",\"name\":\"" + GenesysResponses.escape(this.name)
				+ "\",\"selfUri\":\"/api/v2/organizations/" + this.id + "\"}";
		return "{\"organization\":" + organization + ",\"homeOrganization\":" + organization
				+ ",\"authorizedScope\":[],\"OAuthClient\":{\"id\":\"" + GenesysResponses.escape(this.clientId)
				+ "\",\"name\":\"Stand-in client\",\"organization\":{\"id\":\"" + this.id + "\"}}}";
	}

}
