package dev.vigil.server.scrape;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** PEM blocks, keys and the errors for what we do not read, each naming the source and line. */
class PemTest {

  @Test
  void readsPkcs8RsaAndEcKeysSkippingTextAroundTheBlocks() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    PrivateKey rsaKey = rsa.generateKeyPair().getPrivate();
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    PrivateKey ecKey = ec.generateKeyPair().getPrivate();

    String rsaText = "# my key\n" + TestCertificates.pem("PRIVATE KEY", rsaKey.getEncoded());
    String ecText = TestCertificates.pem("PRIVATE KEY", ecKey.getEncoded()) + "trailing text\n";

    assertThat(Pem.privateKey(rsaText, "rsa.key").getEncoded()).isEqualTo(rsaKey.getEncoded());
    assertThat(Pem.privateKey(ecText, "ec.key").getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void namesTheSourceAndLineOfABlockWithoutItsEnd() {
    String text = "\n\n-----BEGIN CERTIFICATE-----\nMIIB\n";

    assertThatThrownBy(() -> Pem.certificates(text, "ca.crt"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("ca.crt:3: PEM block CERTIFICATE has no -----END CERTIFICATE-----");
  }

  @Test
  void rejectsInvalidBase64AndCertificatesThatDoNotParse() {
    assertThatThrownBy(
            () ->
                Pem.certificates(
                    "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n", "a.crt"))
        .hasMessage("a.crt:1: invalid base64 in PEM block CERTIFICATE");
    assertThatThrownBy(
            () ->
                Pem.certificates(
                    "x\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "b.crt"))
        .hasMessageStartingWith("b.crt:2: invalid certificate");
  }

  @Test
  void saysWhenAFileHasNoCertificateOrNoKey() {
    assertThatThrownBy(() -> Pem.certificates("not pem at all", "c.crt"))
        .hasMessage("c.crt: no PEM CERTIFICATE block found");
    assertThatThrownBy(() -> Pem.privateKey("", "c.key"))
        .hasMessage("c.key: no PEM PRIVATE KEY block found");
  }

  @Test
  void refusesEncryptedKeysWithAClearMessage() {
    String legacy =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n"
            + "-----END RSA PRIVATE KEY-----\n";
    String pkcs8 = TestCertificates.pem("ENCRYPTED PRIVATE KEY", new byte[] {1, 2});

    assertThatThrownBy(() -> Pem.privateKey(legacy, "old.key"))
        .hasMessage("old.key:1: encrypted PEM block RSA PRIVATE KEY is not supported");
    assertThatThrownBy(() -> Pem.privateKey(pkcs8, "new.key"))
        .hasMessage("new.key:1: encrypted private keys are not supported");
  }

  @Test
  void aKeyOfNoKnownAlgorithmIsAnError() {
    String text = TestCertificates.pem("PRIVATE KEY", new byte[] {0x30, 0x03, 0x02, 0x01, 0x00});

    assertThatThrownBy(() -> Pem.privateKey(text, "odd.key"))
        .hasMessage("odd.key:1: private key is not a PKCS#8 RSA, EC or Ed25519 key");
  }
}
