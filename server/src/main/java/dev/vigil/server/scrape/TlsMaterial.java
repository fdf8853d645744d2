package dev.vigil.server.scrape;

import dev.vigil.server.config.Secret;
import dev.vigil.server.config.TlsConfig;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS side of one scrape config's {@code tls_config}: an {@link SSLContext} built from its PEM
 * CA, client certificate and key, and the parameters (SNI and verified name, protocol range) for
 * each connection. The files are checked at each new connection and the context rebuilt when one
 * changed, so renewed certificates take effect without a reload (Prometheus re-reads them too).
 */
final class TlsMaterial {

  /** Protocols from oldest to newest, as the JDK names them; min/max_version pick a range. */
  private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");

  private final TlsConfig config;
  private SSLContext context;
  private List<Object> stamps;

  TlsMaterial(TlsConfig config) {
    this.config = config;
  }

  /** The context for a new connection: rebuilt when a file changed since the last one. */
  synchronized SSLContext context() throws IOException {
    List<Object> now = stamps();
    if (context == null || !now.equals(stamps)) {
      context = build();
      stamps = now;
    }
    return context;
  }

  /**
   * Wraps a connected socket in TLS to {@code host} and completes the handshake: SNI is {@code
   * server_name} (else the host, unless it is an IP address) and, unless {@code
   * insecure_skip_verify}, the certificate must be valid for that name.
   */
  SSLSocket handshake(Socket plain, String host, int port, int timeoutMillis) throws IOException {
    SSLSocket ssl = (SSLSocket) context().getSocketFactory().createSocket(plain, host, port, true);
    SSLParameters p = ssl.getSSLParameters();
    String name = config.serverName() != null ? config.serverName() : host;
    if (!isIpLiteral(name)) {
      try {
        p.setServerNames(List.of(new SNIHostName(name)));
      } catch (IllegalArgumentException e) {
        throw new IOException("invalid TLS server name " + name + ": " + e.getMessage(), e);
      }
    }
    // With a server name set, the JDK verifies the certificate against it rather than the host
    // we connected to: that is what server_name means in Prometheus.
    p.setEndpointIdentificationAlgorithm(config.insecureSkipVerify() ? null : "HTTPS");
    p.setProtocols(protocols(ssl.getSupportedProtocols()));
    ssl.setSSLParameters(p);
    ssl.setSoTimeout(timeoutMillis);
    ssl.startHandshake();
    return ssl;
  }

  /** The enabled protocols: min/max_version clipped to what the JVM supports. */
  String[] protocols(String[] supported) throws IOException {
    // Go's default minimum is TLS 1.2, as is the JDK's default set.
    int lo = PROTOCOLS.indexOf(config.minVersion() == null ? "TLSv1.2" : config.minVersion());
    int hi =
        config.maxVersion() == null ? PROTOCOLS.size() - 1 : PROTOCOLS.indexOf(config.maxVersion());
    List<String> out = new ArrayList<>();
    for (String s : supported) {
      int i = PROTOCOLS.indexOf(s);
      if (i >= lo && i <= hi) {
        out.add(s);
      }
    }
    if (out.isEmpty()) {
      throw new IOException(
          "none of the TLS versions allowed by tls_config is enabled in this JVM"
              + " (see jdk.tls.disabledAlgorithms in java.security)");
    }
    return out.toArray(String[]::new);
  }

  private SSLContext build() throws IOException {
    try {
      TrustManager[] trust = null; // the JVM's default trust store
      if (config.insecureSkipVerify()) {
        trust = new TrustManager[] {new TrustingManager()};
      } else if (config.ca() != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate c : Pem.certificates(read(config.ca(), "CA"), config.ca().origin())) {
          store.setCertificateEntry("ca-" + i++, c);
        }
        TrustManagerFactory tmf =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        trust = tmf.getTrustManagers();
      }
      KeyManagerFactory kmf = null;
      if (config.cert() != null) {
        List<X509Certificate> chain =
            Pem.certificates(read(config.cert(), "client certificate"), config.cert().origin());
        PrivateKey key = Pem.privateKey(read(config.key(), "client key"), config.key().origin());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("client", key, password, chain.toArray(Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, password);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf == null ? null : kmf.getKeyManagers(), trust, null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("tls_config: " + e.getMessage(), e);
    }
  }

  private static String read(Secret s, String what) throws IOException {
    try {
      return Pem.text(s.bytes());
    } catch (NoSuchFileException e) {
      throw new IOException("unable to read " + what + " file " + s.origin() + ": no such file", e);
    } catch (IOException e) {
      throw new IOException("unable to read " + what + " file " + s.origin() + ": " + e, e);
    }
  }

  /** What identifies the current content of each file: its modification time and size. */
  private List<Object> stamps() {
    List<Object> out = new ArrayList<>();
    for (Secret s : new Secret[] {config.ca(), config.cert(), config.key()}) {
      if (s == null || !s.isFile()) {
        out.add(null);
        continue;
      }
      try {
        BasicFileAttributes a = Files.readAttributes(s.file(), BasicFileAttributes.class);
        out.add(List.of(a.lastModifiedTime(), a.size()));
      } catch (IOException e) {
        out.add("missing"); // build() reports it
      }
    }
    return out;
  }

  static boolean isIpLiteral(String host) {
    if (host.indexOf(':') >= 0 || host.startsWith("[")) {
      return true; // IPv6
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if ((c < '0' || c > '9') && c != '.') {
        return false;
      }
    }
    return !host.isEmpty();
  }

  /** {@code insecure_skip_verify}: accepts any server certificate, as Go's option does. */
  private static final class TrustingManager extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket s) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket s) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
