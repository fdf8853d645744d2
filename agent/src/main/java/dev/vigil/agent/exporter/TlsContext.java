package dev.vigil.agent.exporter;

import dev.vigil.agent.bootstrap.StartupException;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** Builds the endpoint's {@link SSLContext} from a PKCS12 or JKS key store file. */
final class TlsContext {

  private TlsContext() {}

  /**
   * The server-side TLS context for the key in {@code keystore}; the key store's password
   * unlocks the key too (as keytool and Spring Boot assume by default).
   *
   * @throws StartupException naming the key store when it cannot be read or holds no usable key
   */
  static SSLContext fromKeyStore(Path keystore, String password) {
    char[] secret = password.toCharArray();
    try {
      // getInstance(File, ...) probes the format, so PKCS12 and JKS need no type setting.
      KeyStore store = KeyStore.getInstance(keystore.toFile(), secret);
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, secret);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      throw new StartupException(
          "cannot use TLS key store "
              + keystore
              + " (vigil.agent.tls.keystore): "
              + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()),
          e);
    }
  }
}
