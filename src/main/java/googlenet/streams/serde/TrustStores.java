package googlenet.streams.serde;

import googlenet.streams.config.RegistrySettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context that trusts what a configured trust store holds. */
final class TrustStores {
  private TrustStores() {}

  /**
   * A TLS context trusting the certificates in {@code store}.
   *
   * @throws IllegalArgumentException naming the file when it cannot be read, has the wrong type or
   *     password, or holds no certificate
   */
  static SSLContext sslContext(RegistrySettings.TrustStore store) {
    try (InputStream in = Files.newInputStream(store.location())) {
      KeyStore keys = KeyStore.getInstance(store.type());
      keys.load(in, store.password().map(String::toCharArray).orElse(null));
      if (keys.size() == 0) {
        throw new IllegalArgumentException(
            "schema registry trust store " + store.location() + " holds no certificate");
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(keys);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot load the schema registry trust store "
              + store.location()
              + " (type "
              + store.type()
              + "): "
              + e.getMessage()
              + "; check schema.registry.ssl.truststore.location, .password and .type",
          e);
    }
  }
}
