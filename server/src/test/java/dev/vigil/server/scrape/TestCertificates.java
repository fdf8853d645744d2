package dev.vigil.server.scrape;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Real certificates for TLS tests, made by the JDK's {@code keytool} in a directory: a CA, a server
 * certificate it signed for {@code metrics.internal} only (so a scrape of 127.0.0.1 must name it
 * with server_name), and a client certificate (RSA) it signed. The CA and client material is also
 * written as PEM, the form tls_config reads.
 */
final class TestCertificates {

  static final String PASSWORD = "changeit";

  final Path dir;
  final Path caPem;
  final Path clientCertPem;
  final Path clientKeyPem;
  final Path serverP12;
  final Path caP12;

  private TestCertificates(Path dir) {
    this.dir = dir;
    this.caPem = dir.resolve("ca.crt");
    this.clientCertPem = dir.resolve("client.crt");
    this.clientKeyPem = dir.resolve("client.key");
    this.serverP12 = dir.resolve("server.p12");
    this.caP12 = dir.resolve("ca.p12");
  }

  /** Generates everything in {@code dir} (about ten keytool runs). */
  static TestCertificates generate(Path dir) throws Exception {
    TestCertificates c = new TestCertificates(dir);
    c.keytool(
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=Vigil Test CA",
        "-ext",
        "bc:c",
        "-validity",
        "3",
        "-keystore",
        "ca.p12");
    c.keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
    c.signed("server", "EC", "CN=metrics.internal", "SAN=dns:metrics.internal");
    c.signed("client", "RSA", "CN=vigil-scraper", "EKU=clientAuth");
    // keytool cannot export a private key: write the client's as PKCS#8 PEM from its keystore.
    KeyStore client = c.load("client.p12");
    PrivateKey key = (PrivateKey) client.getKey("client", PASSWORD.toCharArray());
    Files.writeString(c.clientKeyPem, pem("PRIVATE KEY", key.getEncoded()));
    return c;
  }

  /** A key pair in {@code <name>.p12}, its certificate signed by the CA, the chain imported. */
  private void signed(String name, String alg, String dname, String ext) throws Exception {
    String p12 = name + ".p12";
    List<String> gen = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", alg));
    gen.addAll(alg.equals("EC") ? List.of("-groupname", "secp256r1") : List.of("-keysize", "2048"));
    gen.addAll(List.of("-dname", dname, "-validity", "2", "-keystore", p12));
    keytool(gen.toArray(String[]::new));
    keytool("-certreq", "-alias", name, "-keystore", p12, "-file", name + ".csr");
    keytool(
        "-gencert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        "ca.p12",
        "-infile",
        name + ".csr",
        "-outfile",
        name + ".crt",
        "-ext",
        ext,
        "-validity",
        "2");
    keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", p12);
    keytool("-importcert", "-alias", name, "-file", name + ".crt", "-keystore", p12);
  }

  private void keytool(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    cmd.addAll(List.of(args));
    // A PKCS#12 key's password is the store's, so -keypass is not needed.
    cmd.addAll(List.of("-storepass", PASSWORD, "-storetype", "PKCS12"));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + out);
    }
  }

  KeyStore load(String name) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(name))) {
      ks.load(in, PASSWORD.toCharArray());
    }
    return ks;
  }

  /** The server's TLS context: its certificate, and the CA to check client certificates. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(load("server.p12"), PASSWORD.toCharArray());
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", load("ca.p12").getCertificate("ca"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }
}
