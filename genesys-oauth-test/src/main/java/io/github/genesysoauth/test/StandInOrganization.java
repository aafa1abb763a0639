package io.github.genesysoauth.test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** An organization the stand-in pretends to be; its id follows from its name, so equal names are one organization. */
record StandInOrganization(String id, String name) {

	static StandInOrganization named(String name) {
		return new StandInOrganization(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString(), name);
	}

	String json() {
		return "{\"id\":\"" + this.id + "\",\"name\":\"" + GenesysResponses.escape(this.name)
				+ "\",\"defaultLanguage\":\"en-us\",\"defaultCountryCode\":\"US\",\"thirdPartyOrgName\":\"stand-in\","
				+ "\"domain\":\"stand-in\",\"version\":1,\"state\":\"active\",\"defaultSiteId\":null,"
				+ "\"deletable\":false,\"selfUri\":\"/api/v2/organizations/" + this.id + "\"}";
	}

	/** {@code GET /api/v2/tokens/me} for a token of that OAuth client of this organization. */
	String tokenInfoJson(String clientId) {
		String organization = "{\"id\":\"" + this.id + "\",\"name\":\"" + GenesysResponses.escape(this.name)
				+ "\",\"selfUri\":\"/api/v2/organizations/" + this.id + "\"}";
		return "{\"organization\":" + organization + ",\"homeOrganization\":" + organization
				+ ",\"authorizedScope\":[],\"OAuthClient\":{\"id\":\"" + GenesysResponses.escape(clientId)
				+ "\",\"name\":\"Stand-in client\",\"organization\":{\"id\":\"" + this.id + "\"}}}";
	}

}
