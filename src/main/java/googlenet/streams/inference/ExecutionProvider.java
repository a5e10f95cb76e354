package googlenet.streams.inference;

import java.util.Locale;

/** Which ONNX Runtime execution provider the engine asks for. */
public enum ExecutionProvider {
  /** The CPU provider only. */
  CPU,
  /** CUDA when it loads; otherwise the CPU, with one loud warning and {@code fellBack()}. */
  CUDA,
  /** CUDA or nothing: the engine refuses to start without it. */
  CUDA_STRICT;

  /** The name used in configuration and on the command line: cpu, cuda, cuda-strict. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses {@code cpu}, {@code cuda} or {@code cuda-strict}.
   *
   * @throws IllegalArgumentException naming the bad value and the accepted ones
   */
  public static ExecutionProvider fromId(String id) {
    for (ExecutionProvider p : values()) {
      if (p.id().equals(id)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown execution provider '" + id + "'; use one of cpu, cuda, cuda-strict");
  }
}
