package dev.vigil.agent.exporter;

import com.sun.net.httpserver.BasicAuthenticator;
import dev.vigil.agent.config.EndpointSecurity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * HTTP basic authentication of the endpoint against one configured user.
 *
 * <p>Both sides are reduced to SHA-256 digests and compared with {@link MessageDigest#isEqual},
 * whose time does not depend on where the inputs differ, and the user name and the password are
 * both always compared, so response times reveal neither how much of a guess was right nor which
 * half was wrong.
 */
final class PasswordCheck extends BasicAuthenticator {

  static final String REALM = "vigil-agent";

  private final byte[] usernameDigest;
  private final byte[] passwordDigest;

  PasswordCheck(EndpointSecurity security) {
    super(REALM, StandardCharsets.UTF_8);
    this.usernameDigest = sha256(security.username());
    this.passwordDigest =
        security.passwordHashed()
            ? HexFormat.of().parseHex(security.password())
            : sha256(security.password());
  }

  @Override
  public boolean checkCredentials(String username, String password) {
    boolean userMatches = MessageDigest.isEqual(sha256(username), usernameDigest);
    boolean passwordMatches = MessageDigest.isEqual(sha256(password), passwordDigest);
    return userMatches & passwordMatches;
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest's javadoc).
      throw new IllegalStateException(e);
    }
  }
}
