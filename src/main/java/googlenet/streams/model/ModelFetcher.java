package googlenet.streams.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads the pretrained GoogLeNet and its synset labels, verifies size and SHA-256 of each, and
 * prepares the model for batching. A file that does not match is refused and never kept: it is
 * streamed to a temporary file beside the target and only moved into place once verified.
 */
public final class ModelFetcher {
  /** The ONNX model zoo's classification folder, base of every {@link Artifact#path()}. */
  public static final URI ZOO_BASE =
      URI.create("https://github.com/onnx/models/raw/main/validated/vision/classification/");

  private static final Logger LOG = LoggerFactory.getLogger(ModelFetcher.class);

  private final HttpClient client;
  private final URI base;
  private final Duration timeout;

  /**
   * A fetcher reading from {@code base} (the zoo's address or a mirror with the same layout).
   *
   * @param timeout connect timeout, time allowed until response headers arrive, and the longest
   *     pause allowed while the body streams in
   */
  public ModelFetcher(URI base, Duration timeout) {
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.timeout = timeout;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  /**
   * What was fetched.
   *
   * @param downloaded the verified file as published
   * @param model the batchable model to use (the output of {@link BatchPatcher})
   * @param labels the verified synset list
   * @param prepareChanges what preparing changed; empty when the download was already batchable
   */
  public record Fetched(Path downloaded, Path model, Path labels, List<String> prepareChanges) {
    /** Copies the change list. */
    public Fetched {
      prepareChanges = List.copyOf(prepareChanges);
    }
  }

  /**
   * Fetches a model and the labels into {@code dir} and prepares the model for batching.
   *
   * @throws FetchException if a download fails or a file does not match what is expected
   * @throws IOException if {@code dir} cannot be written
   */
  public Fetched fetch(Path dir, Artifact model, Artifact labels)
      throws FetchException, IOException {
    Files.createDirectories(dir);
    Path downloaded = download(model, dir.resolve(model.fileName()));
    Path labelFile = download(labels, dir.resolve(labels.fileName()));
    String name = model.fileName().replaceFirst("\\.onnx$", "");
    Path prepared = dir.resolve(name + "-batchable.onnx");
    BatchPatcher.Result result = BatchPatcher.prepare(downloaded, prepared);
    LOG.info("prepared {} -> {} ({} changes)", downloaded, prepared, result.changes().size());
    return new Fetched(downloaded, prepared, labelFile, result.changes());
  }

  /** Downloads one artifact to {@code target} unless a verified copy is already there. */
  Path download(Artifact artifact, Path target) throws FetchException, IOException {
    URI uri = base.resolve(artifact.path());
    if (Files.isRegularFile(target)
        && Files.size(target) == artifact.size()
        && Checksums.sha256(target).equals(artifact.sha256())) {
      LOG.info("{} already present and verified, not downloading {}", target, uri);
      return target;
    }
    LOG.info("downloading {} ({} bytes) to {}", uri, artifact.size(), target);
    Path temp =
        Files.createTempFile(
            target.toAbsolutePath().getParent(), "." + target.getFileName(), ".part");
    try {
      String sha256 = receive(uri, artifact, temp);
      if (!sha256.equals(artifact.sha256())) {
        throw new FetchException(
            "refused "
                + uri
                + ": SHA-256 is "
                + sha256
                + ", expected "
                + artifact.sha256()
                + "; the file was not kept. Retry; if the mirror serves a different build on"
                + " purpose, pass its checksum with --sha256");
      }
      AtomicFiles.move(temp, target);
      LOG.info("verified {} (sha256 {})", target, sha256);
      return target;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private String receive(URI uri, Artifact artifact, Path temp) throws FetchException, IOException {
    HttpResponse<InputStream> response = send(uri);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new FetchException(
            "cannot download "
                + uri
                + ": HTTP "
                + response.statusCode()
                + "; check the address (--base-url, --variant) or fetch the file by hand");
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
      if (declared >= 0 && declared != artifact.size()) {
        throw sizeMismatch(uri, Long.toString(declared), artifact);
      }
      MessageDigest digest = Checksums.newSha256();
      long received = new BodyCopy(uri, timeout).copy(body, temp, digest, artifact.size() + 1);
      if (received != artifact.size()) {
        throw sizeMismatch(
            uri,
            received > artifact.size() ? "more than " + artifact.size() : Long.toString(received),
            artifact);
      }
      return HexFormat.of().formatHex(digest.digest());
    }
  }

  private HttpResponse<InputStream> send(URI uri) throws FetchException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new FetchException(
          "cannot download "
              + uri
              + ": "
              + e
              + "; check the network or proxy, or use --base-url"
              + " with a reachable mirror",
          e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FetchException("download of " + uri + " interrupted", e);
    }
  }

  private static FetchException sizeMismatch(URI uri, String what, Artifact artifact) {
    return new FetchException(
        "refused "
            + uri
            + ": size is "
            + what
            + " bytes, expected "
            + artifact.size()
            + " bytes; the file was not kept. Retry; if the mirror serves a different build on"
            + " purpose, pass --size and --sha256");
  }
}
