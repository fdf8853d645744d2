package dev.vigil.server.config;

/**
 * A scrape config's {@code tls_config}: the CA to trust, the client certificate and key, the name
 * to verify (and send as SNI), whether to skip verification, and the TLS version range.
 *
 * @param ca PEM certificates to trust instead of the JVM's, or null
 * @param cert the client certificate chain (PEM), or null; set exactly when {@code key} is
 * @param key the client key (PEM, PKCS#8 or PKCS#1 RSA), or null
 * @param serverName the name to send as SNI and verify the certificate against, or null for the
 *     URL's host
 * @param minVersion lowest protocol ({@code TLSv1.2} style, as the JDK names it), or null
 * @param maxVersion highest protocol, or null
 */
public record TlsConfig(
    Secret ca,
    Secret cert,
    Secret key,
    String serverName,
    boolean insecureSkipVerify,
    String minVersion,
    String maxVersion) {

  /** No {@code tls_config}: the JVM's trust store, no client certificate, TLS 1.2 and up. */
  public static final TlsConfig DEFAULT = new TlsConfig(null, null, null, null, false, null, null);
}
