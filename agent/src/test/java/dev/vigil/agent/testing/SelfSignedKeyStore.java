package dev.vigil.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A key store with a fresh self-signed certificate for 127.0.0.1 and localhost, made by running
 * the JDK's {@code keytool} (as a user would), plus a client TLS context trusting only that
 * certificate.
 */
public final class SelfSignedKeyStore {

  /** The password of the key store and its key. */
  public static final String PASSWORD = "vigil-test-pass";

  private final Path keyStore;
  private final Path certificate;

  private SelfSignedKeyStore(Path keyStore, Path certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  /** Generates {@code agent.<type>} and its certificate in {@code directory}. */
  public static SelfSignedKeyStore generate(Path directory, String storeType)
      throws IOException, InterruptedException {
    Path store = directory.resolve("agent." + storeType.toLowerCase());
    Path certificate = directory.resolve("agent.pem");
    keytool(
        "-genkeypair", "-alias", "vigil-agent", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
        "-storetype", storeType, "-keystore", store.toString(), "-storepass", PASSWORD,
        "-keypass", PASSWORD);
    keytool(
        "-exportcert", "-rfc", "-alias", "vigil-agent", "-keystore", store.toString(),
        "-storepass", PASSWORD, "-file", certificate.toString());
    return new SelfSignedKeyStore(store, certificate);
  }

  /** The key store file. */
  public Path keyStore() {
    return keyStore;
  }

  /** A client context whose only trusted certificate is this one. */
  public SSLContext clientContext() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("vigil-agent", cert);
    }
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trustManagers.getTrustManagers(), null);
    return context;
  }

  private static void keytool(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool " + List.of(arguments) + " failed: " + output);
    }
  }
}
