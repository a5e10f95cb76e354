package googlenet.streams.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKI made with the JDK's {@code keytool}: a CA, a broker certificate for 127.0.0.1
 * and localhost, and a client certificate (for mutual TLS), all signed by the CA, in PKCS12 stores
 * with one password.
 *
 * @param truststore the CA certificate alone
 * @param brokerKeystore the broker's key and certificate chain
 * @param clientKeystore the client's key and certificate chain (CN=gns-client)
 * @param password the password of every store and key
 */
record TestPki(Path truststore, Path brokerKeystore, Path clientKeystore, String password) {
  /** The client certificate's distinguished name, as a broker's SSL principal sees it. */
  static final String CLIENT_DN = "CN=gns-client,OU=test,O=googlenet-streams";

  private static final String SAN = "SAN=ip:127.0.0.1,dns:localhost";

  /** Creates the CA and both certificates in {@code dir}. */
  static TestPki create(Path dir) throws IOException, InterruptedException {
    String pw = "test-" + Long.toHexString(System.nanoTime());
    Path ca = dir.resolve("ca.p12");
    Path caPem = dir.resolve("ca.pem");
    keytool(
        pw,
        "-genkeypair",
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=gns-test-ca",
        "-ext",
        "bc:c",
        "-validity",
        "2",
        "-keystore",
        ca.toString());
    keytool(
        pw,
        "-exportcert",
        "-rfc",
        "-alias",
        "ca",
        "-keystore",
        ca.toString(),
        "-file",
        caPem.toString());
    Path truststore = dir.resolve("truststore.p12");
    keytool(
        pw,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        truststore.toString());
    Path broker = signed(dir, pw, ca, caPem, "broker", "CN=localhost", SAN);
    Path client = signed(dir, pw, ca, caPem, "client", CLIENT_DN, null);
    return new TestPki(truststore, broker, client, pw);
  }

  private static Path signed(
      Path dir, String pw, Path ca, Path caPem, String name, String dn, String san)
      throws IOException, InterruptedException {
    Path store = dir.resolve(name + ".p12");
    Path csr = dir.resolve(name + ".csr");
    Path pem = dir.resolve(name + ".pem");
    List<String> gen =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                dn,
                "-validity",
                "2",
                "-keystore",
                store.toString()));
    keytool(pw, gen.toArray(String[]::new));
    keytool(pw, "-certreq", "-alias", name, "-keystore", store.toString(), "-file", csr.toString());
    List<String> sign =
        new ArrayList<>(
            List.of(
                "-gencert",
                "-rfc",
                "-alias",
                "ca",
                "-keystore",
                ca.toString(),
                "-infile",
                csr.toString(),
                "-outfile",
                pem.toString(),
                "-validity",
                "2"));
    if (san != null) {
      sign.addAll(List.of("-ext", san));
    }
    keytool(pw, sign.toArray(String[]::new));
    keytool(
        pw,
        "-importcert",
        "-noprompt",
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-keystore",
        store.toString());
    keytool(
        pw, "-importcert", "-alias", name, "-file", pem.toString(), "-keystore", store.toString());
    return store;
  }

  private static void keytool(String pw, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", pw));
    if (args[0].equals("-genkeypair")) {
      command.addAll(List.of("-keypass", pw));
    }
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
