package dev.vigil.agent.config;

import java.nio.file.Path;

/**
 * The endpoint's optional protections as configured: HTTP basic authentication (user name and a
 * password or its SHA-256) and TLS (a key store).
 *
 * <p>Settings that only make sense together are checked together here, so that a half-configured
 * protection fails startup instead of silently serving metrics unprotected.
 */
public final class EndpointSecurity {

  /** Marks a password given as the hex SHA-256 of its UTF-8 bytes, as Spring Security does. */
  static final String SHA256_PREFIX = "{sha256}";

  private static final int SHA256_HEX_LENGTH = 64;

  private final String username;
  private final String password;
  private final boolean passwordHashed;
  private final Path keystore;
  private final String keystorePassword;

  private EndpointSecurity(
      String username,
      String password,
      boolean passwordHashed,
      Path keystore,
      String keystorePassword) {
    this.username = username;
    this.password = password;
    this.passwordHashed = passwordHashed;
    this.keystore = keystore;
    this.keystorePassword = keystorePassword;
  }

  /** No authentication, plain HTTP. */
  public static EndpointSecurity none() {
    return new EndpointSecurity(null, null, false, null, null);
  }

  /** Basic authentication with a clear-text password, for tests and programmatic use. */
  public static EndpointSecurity basicAuth(String username, String password) {
    return new EndpointSecurity(username, password, false, null, null);
  }

  /** This configuration with TLS from {@code keystore} added. */
  public EndpointSecurity withTls(Path keystore, String keystorePassword) {
    return new EndpointSecurity(username, password, passwordHashed, keystore, keystorePassword);
  }

  static EndpointSecurity from(
      SettingValue username,
      SettingValue password,
      SettingValue keystore,
      SettingValue keystorePassword) {
    requireBoth(username, password, Setting.AUTH_USERNAME, Setting.AUTH_PASSWORD);
    requireBoth(keystore, keystorePassword, Setting.TLS_KEYSTORE, Setting.TLS_KEYSTORE_PASSWORD);
    String passwordText = null;
    boolean hashed = false;
    if (password != null) {
      passwordText = password.text();
      if (passwordText.startsWith(SHA256_PREFIX)) {
        passwordText = passwordText.substring(SHA256_PREFIX.length());
        hashed = true;
        if (!isSha256Hex(passwordText)) {
          // The value is a secret: name the setting and its source, never echo it.
          throw new ConfigException(
              "invalid "
                  + Setting.AUTH_PASSWORD.property()
                  + " (from "
                  + password.source()
                  + "): expected "
                  + SHA256_PREFIX
                  + " followed by 64 hex digits");
        }
      }
    }
    return new EndpointSecurity(
        username == null ? null : username.text(),
        passwordText,
        hashed,
        keystore == null ? null : Path.of(keystore.text()),
        keystorePassword == null ? null : keystorePassword.text());
  }

  /** Whether requests must carry basic-auth credentials. */
  public boolean authenticates() {
    return username != null;
  }

  /** The required user name, or null. */
  public String username() {
    return username;
  }

  /** The required password, or its hex SHA-256 when {@link #passwordHashed()}; null if none. */
  public String password() {
    return password;
  }

  /** Whether {@link #password()} is a hex SHA-256 rather than the password itself. */
  public boolean passwordHashed() {
    return passwordHashed;
  }

  /** Whether the endpoint speaks HTTPS. */
  public boolean tls() {
    return keystore != null;
  }

  /** The key store for TLS, or null. */
  public Path keystore() {
    return keystore;
  }

  /** The key store's (and key's) password, or null. */
  public String keystorePassword() {
    return keystorePassword;
  }

  private static void requireBoth(
      SettingValue first, SettingValue second, Setting firstSetting, Setting secondSetting) {
    if (first != null && second == null) {
      throw new ConfigException(
          firstSetting.property()
              + " is set (from "
              + first.source()
              + ") but "
              + secondSetting.property()
              + " is not");
    }
    if (second != null && first == null) {
      throw new ConfigException(
          secondSetting.property()
              + " is set (from "
              + second.source()
              + ") but "
              + firstSetting.property()
              + " is not");
    }
  }

  private static boolean isSha256Hex(String text) {
    if (text.length() != SHA256_HEX_LENGTH) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
