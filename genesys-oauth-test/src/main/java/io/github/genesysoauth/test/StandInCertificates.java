package io.github.genesysoauth.test;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA of a test's own, as a company has one: its certificate, a server certificate it signed for the
 * stand-in's loopback host ({@code 127.0.0.1} and {@code localhost}), and a client certificate it signed, written as
 * PEM files (for Spring Boot SSL bundles) and PKCS12 stores (for the stand-in's server) in a temporary directory.
 * Nothing trusts this CA unless told to: a client reaches a {@link GenesysCloudStandInBuilder#tls TLS stand-in} only
 * through an SSL bundle, as it would reach Genesys Cloud behind a proxy that re-signs TLS with the company's CA.
 *
 * <p>Needs Bouncy Castle's {@code org.bouncycastle:bcpkix-jdk18on} on the test class path (the JDK has no public API
 * to issue certificates).
 */
public final class StandInCertificates {

	static final String STORE_PASSWORD = "stand-in";

	private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

	private final Path directory;

	private StandInCertificates(Path directory) {
		this.directory = directory;
	}

	/**
	 * Generates a CA and the certificates it signs, valid for a day.
	 * @return the certificates, on disk
	 */
	public static StandInCertificates generate() {
		try {
			Path directory = Files.createTempDirectory("genesys-stand-in-tls");
			directory.toFile().deleteOnExit();
			KeyPair caKeys = keyPair();
			X500Name caName = new X500Name("CN=Genesys stand-in test CA");
			X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore(), notAfter(),
					caName, caKeys.getPublic())
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)),
					caKeys.getPrivate());
			KeyPair serverKeys = keyPair();
			X509Certificate server = sign(issued(caName, "CN=127.0.0.1", serverKeys)
				.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
								new GeneralName(GeneralName.dNSName, "localhost") }))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)),
					caKeys.getPrivate());
			KeyPair clientKeys = keyPair();
			X509Certificate client = sign(issued(caName, "CN=genesys-oauth test client", clientKeys)
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth)),
					caKeys.getPrivate());

			StandInCertificates certificates = new StandInCertificates(directory);
			writePem(certificates.caCertificate(), ca);
			writePem(certificates.clientCertificate(), client);
			writePem(certificates.clientPrivateKey(), new JcaPKCS8Generator(clientKeys.getPrivate(), null).generate());
			writeStore(certificates.serverKeyStore(), "server", serverKeys.getPrivate(), server, ca);
			KeyStore trusted = KeyStore.getInstance("PKCS12");
			trusted.load(null, null);
			trusted.setCertificateEntry("ca", ca);
			store(trusted, certificates.caTrustStore());
			return certificates;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Could not issue the stand-in's certificates", ex);
		}
	}

	/** {@return the CA's certificate (PEM): what a client must trust, as it trusts its company's CA} */
	public Path caCertificate() {
		return this.directory.resolve("ca.pem");
	}

	/** {@return the client certificate the CA signed (PEM), for mutual TLS} */
	public Path clientCertificate() {
		return this.directory.resolve("client.pem");
	}

	/** {@return the client certificate's private key (PEM, PKCS#8)} */
	public Path clientPrivateKey() {
		return this.directory.resolve("client-key.pem");
	}

	/**
	 * The properties of a Spring Boot PEM SSL bundle that trusts the CA and, where asked for, presents the client
	 * certificate: {@code spring.ssl.bundle.pem.<name>.*}.
	 * @param name the bundle's name
	 * @param withClientCertificate whether the bundle presents the client certificate
	 * @return {@code name=value} pairs
	 */
	public String[] sslBundleProperties(String name, boolean withClientCertificate) {
		String prefix = "spring.ssl.bundle.pem." + name + ".";
		String truststore = prefix + "truststore.certificate=" + caCertificate().toUri();
		if (!withClientCertificate) {
			return new String[] { truststore };
		}
		return new String[] { truststore, prefix + "keystore.certificate=" + clientCertificate().toUri(),
				prefix + "keystore.private-key=" + clientPrivateKey().toUri() };
	}

	/**
	 * The properties of a Spring Boot JKS SSL bundle that trusts the CA from a PKCS12 trust store:
	 * {@code spring.ssl.bundle.jks.<name>.*}, as a company ships its CA in a trust store rather than a PEM file.
	 * @param name the bundle's name
	 * @return {@code name=value} pairs
	 */
	public String[] trustStoreBundleProperties(String name) {
		String prefix = "spring.ssl.bundle.jks." + name + ".truststore.";
		return new String[] { prefix + "location=" + caTrustStore().toUri(), prefix + "type=PKCS12",
				prefix + "password=" + STORE_PASSWORD };
	}

	Path serverKeyStore() {
		return this.directory.resolve("server.p12");
	}

	Path caTrustStore() {
		return this.directory.resolve("ca.p12");
	}

	private static X509v3CertificateBuilder issued(X500Name issuer, String subject, KeyPair keys) throws IOException {
		return new JcaX509v3CertificateBuilder(issuer, serial(), notBefore(), notAfter(), new X500Name(subject),
				keys.getPublic())
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
	}

	private static X509Certificate sign(X509v3CertificateBuilder certificate, PrivateKey issuerKey)
			throws OperatorCreationException, GeneralSecurityException {
		return new JcaX509CertificateConverter()
			.getCertificate(certificate.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
	}

	private static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(256);
		return generator.generateKeyPair();
	}

	private static BigInteger serial() {
		return BigInteger.valueOf(SERIALS.incrementAndGet());
	}

	private static Date notBefore() {
		return Date.from(Instant.now().minus(Duration.ofMinutes(5)));
	}

	private static Date notAfter() {
		return Date.from(Instant.now().plus(Duration.ofDays(1)));
	}

	private static void writePem(Path file, Object object) throws IOException {
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(object);
		}
		Files.writeString(file, pem.toString());
		file.toFile().deleteOnExit();
	}

	private static void writeStore(Path file, String alias, PrivateKey key, Certificate... chain)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry(alias, key, STORE_PASSWORD.toCharArray(), chain);
		store(store, file);
	}

	private static void store(KeyStore store, Path file) throws IOException, GeneralSecurityException {
		try (OutputStream out = Files.newOutputStream(file)) {
			store.store(out, STORE_PASSWORD.toCharArray());
		}
		file.toFile().deleteOnExit();
	}

}
