package dev.vigil.server.scrape;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads PEM text: X.509 certificates, and private keys in PKCS#8 ({@code PRIVATE KEY}: RSA, EC,
 * Ed25519) or PKCS#1 ({@code RSA PRIVATE KEY}). Text outside the BEGIN/END lines is ignored, as Go
 * does, so commented CA bundles work. Errors name the source and the block's line.
 */
final class Pem {

  /** One {@code -----BEGIN <type>-----} block: its type, DER bytes and first line. */
  record Block(String type, byte[] der, int line) {}

  /** Key algorithms a PKCS#8 key may hold, tried in order. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "EdDSA");

  private Pem() {}

  /** The blocks in {@code text}, in order; {@code origin} names it in errors. */
  static List<Block> blocks(String text, String origin) throws GeneralSecurityException {
    List<Block> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.startsWith("-----BEGIN ") || !line.endsWith("-----")) {
        continue;
      }
      String type = line.substring(11, line.length() - 5);
      String end = "-----END " + type + "-----";
      int start = i + 1;
      StringBuilder base64 = new StringBuilder();
      int j = i + 1;
      for (; j < lines.length && !lines[j].strip().equals(end); j++) {
        String l = lines[j].strip();
        if (l.contains(":")) { // RFC 1421 headers, e.g. Proc-Type of an encrypted key
          throw new GeneralSecurityException(
              origin + ":" + start + ": encrypted PEM block " + type + " is not supported");
        }
        base64.append(l);
      }
      if (j == lines.length) {
        throw new GeneralSecurityException(
            origin + ":" + start + ": PEM block " + type + " has no " + end);
      }
      try {
        out.add(new Block(type, Base64.getDecoder().decode(base64.toString()), start));
      } catch (IllegalArgumentException e) {
        throw new GeneralSecurityException(
            origin + ":" + start + ": invalid base64 in PEM block " + type, e);
      }
      i = j;
    }
    return out;
  }

  /** Every {@code CERTIFICATE} block; at least one. */
  static List<X509Certificate> certificates(String text, String origin)
      throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (Block b : blocks(text, origin)) {
      if (!b.type().equals("CERTIFICATE")) {
        continue;
      }
      try {
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
      } catch (CertificateException e) {
        throw new GeneralSecurityException(
            origin + ":" + b.line() + ": invalid certificate: " + e.getMessage(), e);
      }
    }
    if (out.isEmpty()) {
      throw new GeneralSecurityException(origin + ": no PEM CERTIFICATE block found");
    }
    return out;
  }

  /** The first private key block. */
  static PrivateKey privateKey(String text, String origin) throws GeneralSecurityException {
    for (Block b : blocks(text, origin)) {
      switch (b.type()) {
        case "PRIVATE KEY":
          return pkcs8(b.der(), origin + ":" + b.line());
        case "RSA PRIVATE KEY":
          return pkcs8(rsaPkcs1ToPkcs8(b.der()), origin + ":" + b.line());
        case "EC PRIVATE KEY":
          throw new GeneralSecurityException(
              origin
                  + ":"
                  + b.line()
                  + ": EC PRIVATE KEY (SEC 1) is not supported; convert it to PKCS#8 with"
                  + " `openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8`");
        case "ENCRYPTED PRIVATE KEY":
          throw new GeneralSecurityException(
              origin + ":" + b.line() + ": encrypted private keys are not supported");
        default:
          // certificates in the same file are fine: skip them
      }
    }
    throw new GeneralSecurityException(origin + ": no PEM PRIVATE KEY block found");
  }

  private static PrivateKey pkcs8(byte[] der, String where) throws GeneralSecurityException {
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException e) {
        // not this algorithm: try the next
      }
    }
    throw new GeneralSecurityException(
        where + ": private key is not a PKCS#8 RSA, EC or Ed25519 key");
  }

  /**
   * Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo, which is all the JDK reads: {@code
   * SEQUENCE { INTEGER 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING pkcs1 }}.
   */
  static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
    byte[] version = {0x02, 0x01, 0x00};
    byte[] algorithm = {
      0x30,
      0x0d,
      0x06,
      0x09,
      0x2a,
      (byte) 0x86,
      0x48,
      (byte) 0x86,
      (byte) 0xf7,
      0x0d,
      0x01,
      0x01,
      0x01,
      0x05,
      0x00
    };
    byte[] octets = der(0x04, pkcs1);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.writeBytes(version);
    body.writeBytes(algorithm);
    body.writeBytes(octets);
    return der(0x30, body.toByteArray());
  }

  /** One DER element: tag, definite length, contents. */
  private static byte[] der(int tag, byte[] contents) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(contents.length + 6);
    out.write(tag);
    int n = contents.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = n > 0xffffff ? 4 : n > 0xffff ? 3 : n > 0xff ? 2 : 1;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(contents);
    return out.toByteArray();
  }

  /** Decodes bytes read from a PEM file. */
  static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.US_ASCII);
  }
}
