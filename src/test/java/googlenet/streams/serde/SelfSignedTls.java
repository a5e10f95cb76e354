package googlenet.streams.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's {@code keytool} (three runs), the
 * server's key store and a trust store holding the certificate alone, both PKCS12.
 *
 * @param keystore the server's key and certificate
 * @param truststore the certificate alone
 * @param password the password of both
 */
record SelfSignedTls(Path keystore, Path truststore, String password) {
  /** Creates both stores in {@code dir}. */
  static SelfSignedTls create(Path dir) throws IOException, InterruptedException {
    String pw = "pw-" + Long.toHexString(System.nanoTime());
    Path keystore = dir.resolve("server.p12");
    Path cert = dir.resolve("server.pem");
    Path truststore = dir.resolve("trust.p12");
    keytool(
        pw,
        "-genkeypair",
        "-alias",
        "server",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-validity",
        "2",
        "-keypass",
        pw,
        "-keystore",
        keystore.toString());
    keytool(
        pw,
        "-exportcert",
        "-rfc",
        "-alias",
        "server",
        "-keystore",
        keystore.toString(),
        "-file",
        cert.toString());
    keytool(
        pw,
        "-importcert",
        "-noprompt",
        "-alias",
        "server",
        "-file",
        cert.toString(),
        "-keystore",
        truststore.toString());
    return new SelfSignedTls(keystore, truststore, pw);
  }

  /** The server side's TLS context. */
  SSLContext serverContext() throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      keys.load(in, password.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), null, null);
    return context;
  }

  private static void keytool(String pw, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", pw));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("keytool " + args[0] + " took over 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
