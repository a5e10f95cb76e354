package googlenet.streams.deploy;

import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

/**
 * The service image, built from {@code deploy/Dockerfile} exactly as a user builds it (build
 * argument {@code BASE_IMAGE}, the shaded jar of {@code ./mvnw package}), on the local JRE base.
 *
 * <p>Built through the Docker API with Testcontainers' {@link ImageFromDockerfile}, so it works
 * against any engine Testcontainers finds (podman's socket here, Docker elsewhere) with no CLI on
 * the PATH. The tag is a hash of the jar's content (entry names, CRCs and sizes, so a repackaged
 * but unchanged jar hashes the same), the Dockerfile and the base image id: a present image is
 * reused, across test classes and runs.
 */
final class ServiceImage {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceImage.class);
  private static final Path JAR =
      Path.of(System.getProperty("gns.jar", "target/googlenet-streams.jar")).toAbsolutePath();
  private static final Path DOCKERFILE = Path.of("deploy", "Dockerfile").toAbsolutePath();
  private static final Path MODELS = Path.of("deploy", "models").toAbsolutePath();

  private ServiceImage() {}

  /** The image name, built on first use in this JVM (the holder makes it once, thread-safely). */
  static String name() {
    return Holder.NAME;
  }

  private static final class Holder {
    private static final String NAME = buildOrReuse();
  }

  private static String buildOrReuse() {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR + " is missing: run the container tests through ./mvnw verify (it packages the jar)");
    }
    LocalImages.require(LocalImages.JRE_BASE);
    String name = "localhost/googlenet-streams-it:" + contentHash();
    try {
      DockerClientFactory.instance().client().inspectImageCmd(name).exec();
      LOG.info("service image {} present, reused", name);
      return name;
    } catch (NotFoundException absent) {
      return build(name);
    }
  }

  private static String build(String name) {
    long start = System.nanoTime();
    ImageFromDockerfile image =
        new ImageFromDockerfile(name, false)
            .withFileFromPath("deploy/Dockerfile", DOCKERFILE)
            .withFileFromPath("deploy/models", MODELS)
            .withFileFromPath("target/googlenet-streams.jar", JAR)
            .withDockerfilePath("deploy/Dockerfile")
            .withBuildArg("BASE_IMAGE", LocalImages.JRE_BASE);
    try {
      image.get(10, TimeUnit.MINUTES);
    } catch (TimeoutException e) {
      throw new IllegalStateException(
          "could not build in 10 minutes: "
              + name
              + " from "
              + DOCKERFILE
              + " on "
              + LocalImages.JRE_BASE,
          e);
    }
    LOG.info(
        "service image {} built from deploy/Dockerfile in {} ms",
        name,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    return name;
  }

  private static String contentHash() {
    try (ZipFile jar = new ZipFile(JAR.toFile())) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      jar.stream()
          .sorted(Comparator.comparing(ZipEntry::getName))
          .forEach(
              e -> {
                digest.update(e.getName().getBytes(StandardCharsets.UTF_8));
                digest.update(
                    ByteBuffer.allocate(16).putLong(e.getCrc()).putLong(e.getSize()).flip());
              });
      digest.update(Files.readAllBytes(DOCKERFILE));
      String baseId =
          DockerClientFactory.instance()
              .client()
              .inspectImageCmd(LocalImages.JRE_BASE)
              .exec()
              .getId();
      digest.update(baseId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + JAR, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
