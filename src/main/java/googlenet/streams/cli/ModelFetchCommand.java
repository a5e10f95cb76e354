package googlenet.streams.cli;

import googlenet.streams.model.Artifact;
import googlenet.streams.model.FetchException;
import googlenet.streams.model.ModelFetcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code model fetch}: downloads, verifies and prepares the pretrained GoogLeNet. */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Download the pretrained GoogLeNet and the synset labels from the ONNX model zoo,",
      "verify size and SHA-256 (a mismatch is refused and not kept), and prepare the model",
      "for batching. Exit 1 when a download is refused or fails."
    })
final class ModelFetchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Where to put the files.")
  Path dir;

  @Option(
      names = "--variant",
      defaultValue = "googlenet-12",
      description = "googlenet-12 (fp32) or googlenet-12-int8 (default ${DEFAULT-VALUE}).")
  String variant;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      description = "Base address with the zoo's layout, for mirrors (default: the model zoo).")
  URI baseUrl = ModelFetcher.ZOO_BASE;

  @Option(names = "--sha256", paramLabel = "HEX", description = "Expected model SHA-256 (mirrors).")
  String sha256;

  @Option(names = "--size", paramLabel = "BYTES", description = "Expected model size (mirrors).")
  Long size;

  @Option(
      names = "--timeout",
      defaultValue = "60",
      paramLabel = "SECONDS",
      description = "Connect/response timeout.")
  long timeoutSeconds;

  @Override
  public Integer call() {
    Artifact model = expectedModel();
    PrintWriter out = spec.commandLine().getOut();
    try {
      ModelFetcher.Fetched fetched =
          new ModelFetcher(baseUrl, Duration.ofSeconds(timeoutSeconds))
              .fetch(dir, model, Artifact.SYNSET);
      out.printf("downloaded %s (size and sha256 verified)%n", fetched.downloaded());
      fetched.prepareChanges().forEach(change -> out.println("prepared: " + change));
      out.printf("model      %s%n", fetched.model());
      out.printf("labels     %s%n", fetched.labels());
      out.printf(
          "use: classify --model %s --labels %s IMAGE...%n", fetched.model(), fetched.labels());
      return 0;
    } catch (FetchException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    } catch (IOException e) {
      spec.commandLine()
          .getErr()
          .printf("cannot write to %s: %s; choose a writable --dir%n", dir, e);
      return 1;
    }
  }

  private Artifact expectedModel() {
    if (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http")) {
      throw new ParameterException(
          spec.commandLine(),
          "--base-url "
              + baseUrl
              + " is not an http(s) address; e.g. https://mirror/classification/");
    }
    if (timeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--timeout must be >= 1 second, got " + timeoutSeconds);
    }
    try {
      Artifact model = Artifact.variant(variant);
      return model.withExpected(
          size == null ? model.size() : size, sha256 == null ? model.sha256() : sha256);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
