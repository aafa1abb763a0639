package io.github.genesysoauth.sample;

/** The fields of Genesys's organization this sample shows; the others in its answer are ignored. */
record Organization(String id, String name, String domain, String state, String defaultLanguage) {
}
