package googlenet.streams.inference;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import ai.onnxruntime.providers.OrtCUDAProviderOptions;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the ONNX Runtime session for an {@link EngineConfig}: CPU, CUDA with a fallback to the
 * CPU, or strict CUDA. Every attempt to load CUDA is checked by creating the session, never by
 * trusting {@code OrtEnvironment.getAvailableProviders()} (the GPU build lists CUDA even where its
 * libraries cannot load).
 */
final class SessionFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SessionFactory.class);

  /** ONNX Runtime's session config key for dynamic block sizing in the intra-op threads (off). */
  static final String DYNAMIC_BLOCK_BASE = "session.dynamic_block_base";

  /** ONNX Runtime's session config key for the intra-op threads' spin-wait (1 by default). */
  static final String ALLOW_SPINNING = "session.intra_op.allow_spinning";

  private static final String CUDA_NEEDS =
      "CUDA needs the onnxruntime_gpu jar (build with -Pgpu), the CUDA 12 and cuDNN 9 libraries"
          + " on the library path, and a visible NVIDIA GPU (check nvidia-smi)";

  /** An open session and the provider that really runs it. */
  record Opened(OrtSession session, String provider, boolean fellBack) {}

  private SessionFactory() {}

  /**
   * Opens the session; a failure is a fatal {@link InferenceException} naming the cause. The
   * session is created on a thread named {@value OnnxInferenceEngine#ORT_THREAD_NAME}: ONNX Runtime
   * starts its intra-op threads there, and on Linux a thread starts with its creator's name, so
   * they carry that name in {@code top -H}, {@code ps -L} and {@code /proc} instead of the
   * launcher's {@code java}.
   */
  static Opened open(OrtEnvironment env, EngineConfig config) throws InferenceException {
    FutureTask<Opened> task = new FutureTask<>(() -> openHere(env, config));
    Thread creator = new Thread(task, OnnxInferenceEngine.ORT_THREAD_NAME);
    creator.start();
    joinUninterruptibly(creator);
    try {
      return task.get();
    } catch (InterruptedException e) {
      throw new IllegalStateException("unreachable: the creating thread has ended", e);
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  /**
   * Waits for {@code t} even when interrupted (a session still being created could not be closed),
   * then keeps the interrupt for the caller.
   */
  private static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (t.isAlive()) {
      try {
        t.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static InferenceException rethrow(Throwable cause) {
    if (cause instanceof InferenceException e) {
      return e;
    }
    if (cause instanceof RuntimeException e) {
      throw e;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(cause);
  }

  private static Opened openHere(OrtEnvironment env, EngineConfig config)
      throws InferenceException {
    return switch (config.provider()) {
      case CPU -> new Opened(createCpu(env, config), "CPU", false);
      case CUDA -> openCudaOrCpu(env, config);
      case CUDA_STRICT -> openStrictCuda(env, config);
    };
  }

  private static Opened openCudaOrCpu(OrtEnvironment env, EngineConfig config)
      throws InferenceException {
    try {
      return new Opened(createCuda(env, config, false), "CUDA", false);
    } catch (OrtException | UnsatisfiedLinkError e) {
      LOG.warn(
          "CUDA execution provider requested but unavailable, FALLING BACK TO CPU: {}{}. {};"
              + " use --execution-provider cpu to run on the CPU without this warning",
          e.getMessage(),
          buildHint(),
          CUDA_NEEDS);
      return new Opened(createCpu(env, config), "CPU", true);
    }
  }

  private static Opened openStrictCuda(OrtEnvironment env, EngineConfig config)
      throws InferenceException {
    try {
      return new Opened(createCuda(env, config, true), "CUDA", false);
    } catch (OrtException | UnsatisfiedLinkError e) {
      throw new InferenceException(
          "execution provider cuda-strict: CUDA could not be loaded for device "
              + config.deviceId()
              + " ("
              + e.getMessage()
              + buildHint()
              + "). "
              + CUDA_NEEDS
              + "; or use --execution-provider cuda to fall back to the CPU",
          true,
          e);
    }
  }

  /** A hint when this process runs the CPU-only ONNX Runtime build. */
  private static String buildHint() {
    return OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA)
        ? ""
        : "; this process runs the CPU-only onnxruntime jar";
  }

  private static OrtSession createCuda(OrtEnvironment env, EngineConfig config, boolean strict)
      throws OrtException {
    try (SessionOptions options = baseOptions(config);
        OrtCUDAProviderOptions cuda = new OrtCUDAProviderOptions(config.deviceId())) {
      for (Map.Entry<String, String> option : config.cudaOptions().entrySet()) {
        cuda.add(option.getKey(), option.getValue());
      }
      if (strict) {
        options.addConfigEntry("session.disable_cpu_ep_fallback", "1");
      }
      options.addCUDA(cuda);
      return env.createSession(config.model().toString(), options);
    }
  }

  private static OrtSession createCpu(OrtEnvironment env, EngineConfig config)
      throws InferenceException {
    try (SessionOptions options = baseOptions(config)) {
      return env.createSession(config.model().toString(), options);
    } catch (OrtException e) {
      throw new InferenceException(
          "cannot load model "
              + config.model()
              + ": "
              + e.getMessage()
              + "; check it is an ONNX model with 'model info "
              + config.model()
              + "'",
          true,
          e);
    }
  }

  /** The options every session starts from, CPU or CUDA. */
  static SessionOptions baseOptions(EngineConfig config) throws OrtException {
    SessionOptions options = new SessionOptions();
    try {
      options.setOptimizationLevel(OptLevel.ALL_OPT);
      options.setCPUArenaAllocator(true);
      if (config.intraOpThreads() > 0) {
        options.setIntraOpNumThreads(config.intraOpThreads());
      }
      if (config.interOpThreads() > 0) {
        options.setInterOpNumThreads(config.interOpThreads());
      }
      options.addConfigEntry(ALLOW_SPINNING, config.intraOpSpinning() ? "1" : "0");
      if (config.dynamicBlockBase() > 0) {
        options.addConfigEntry(DYNAMIC_BLOCK_BASE, Integer.toString(config.dynamicBlockBase()));
      }
      return options;
    } catch (OrtException e) {
      options.close();
      throw e;
    }
  }
}
