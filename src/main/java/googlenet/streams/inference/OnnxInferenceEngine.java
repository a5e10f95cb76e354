package googlenet.streams.inference;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtException.OrtErrorCode;
import ai.onnxruntime.OrtSession;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONNX Runtime engine: one session on the process-wide environment, run from any number of
 * threads. Models with a fixed batch of 1 are run image by image; logits are softmaxed when the
 * graph does not end in a Softmax (configurable). {@link #close()} waits for runs in flight.
 */
public final class OnnxInferenceEngine implements InferenceEngine {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxInferenceEngine.class);

  /**
   * The name ONNX Runtime's own threads of the session carry on Linux ({@code top -H}, {@code ps
   * -L}): the session is created on a thread of this name, and threads inherit their creator's.
   */
  public static final String ORT_THREAD_NAME = "gns-onnx";

  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelSignature signature;
  private final ModelInfo model;
  private final String provider;
  private final boolean fellBack;
  private final boolean applySoftmax;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  private OnnxInferenceEngine(
      OrtEnvironment env,
      SessionFactory.Opened opened,
      ModelSignature signature,
      ModelInfo model,
      boolean applySoftmax) {
    this.env = env;
    this.session = opened.session();
    this.provider = opened.provider();
    this.fellBack = opened.fellBack();
    this.signature = signature;
    this.model = model;
    this.applySoftmax = applySoftmax;
  }

  /**
   * Opens the model: checks its SHA-256 when one is expected, creates the session on the requested
   * provider (falling back to the CPU for {@code cuda}), discovers input and output and runs the
   * warm-up batch.
   *
   * @throws InferenceException (always fatal) saying what is wrong and what to do
   */
  public static OnnxInferenceEngine open(EngineConfig config) throws InferenceException {
    Path file = config.model();
    String sha256 = ModelFile.checkedSha256(config);
    OrtEnvironment env = OrtRuntime.environment();
    SessionFactory.Opened opened = SessionFactory.open(env, config);
    OnnxInferenceEngine engine = null;
    try {
      ModelSignature signature = ModelSignature.of(opened.session(), file.toString());
      boolean softmax = ModelFile.applySoftmax(config, signature);
      ModelInfo info =
          new ModelInfo(
              config.modelName().orElse(ModelFile.baseName(file)),
              config.modelVersion().orElse(sha256.substring(0, 12)),
              sha256,
              signature.inputName(),
              signature.outputName(),
              signature.fixedBatch(),
              signature.classes());
      engine = new OnnxInferenceEngine(env, opened, signature, info, softmax);
      engine.logOpened(file);
      if (config.warmup()) {
        engine.run(InputBuffers.directBytes(signature.input().bytes()), 1);
      }
      return engine;
    } catch (OrtException | InferenceException | RuntimeException e) {
      closeQuietly(engine, opened.session());
      throw e instanceof InferenceException ie && ie.fatal()
          ? ie
          : new InferenceException("cannot open model " + file + ": " + e.getMessage(), true, e);
    }
  }

  /**
   * The version of the ONNX Runtime native library, e.g. {@code 1.29.0}.
   *
   * @throws InferenceException (fatal) when the native library cannot be loaded
   */
  public static String runtimeVersion() throws InferenceException {
    return OrtRuntime.environment().getVersion();
  }

  @Override
  public ModelInfo model() {
    return model;
  }

  @Override
  public String provider() {
    return provider;
  }

  @Override
  public boolean fellBack() {
    return fellBack;
  }

  /** Whether the engine softmaxes the model's output. */
  public boolean appliesSoftmax() {
    return applySoftmax;
  }

  /** Floats per image the input buffer must hold: 3 * 224 * 224 for GoogLeNet. */
  public int imageFloats() {
    return signature.imageFloats();
  }

  @Override
  public ImageInput input() {
    return signature.input();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the model takes uint8 pixels: give them as bytes
   */
  @Override
  public BatchResult run(FloatBuffer input, int batchSize) throws InferenceException {
    if (signature.input().uint8()) {
      throw new IllegalArgumentException(
          "model " + model.name() + " takes " + signature.input() + " pixels, not floats");
    }
    return runBatch(InputBuffers.batchView(input, batchSize, signature.imageFloats()), batchSize);
  }

  @Override
  public BatchResult run(ByteBuffer input, int batchSize) throws InferenceException {
    if (!signature.input().uint8()) {
      return InferenceEngine.super.run(input, batchSize);
    }
    return runBatch(InputBuffers.batchView(input, batchSize, signature.input().bytes()), batchSize);
  }

  /** Runs a direct, native-order batch: a FloatBuffer, or a ByteBuffer of uint8 pixels. */
  private BatchResult runBatch(Buffer batch, int batchSize) throws InferenceException {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new IllegalStateException("engine is closed");
      }
      long start = System.nanoTime();
      float[][] rows = new float[batchSize][];
      int step = signature.fixedBatch() ? 1 : batchSize;
      for (int first = 0; first < batchSize; first += step) {
        runInto(batch, first, step, rows);
      }
      long nanos = System.nanoTime() - start;
      if (applySoftmax) {
        for (float[] row : rows) {
          Softmax.inPlace(row);
        }
      }
      return new BatchResult(rows, nanos, provider);
    } catch (OrtException e) {
      throw new InferenceException(
          "inference of a batch of " + batchSize + " on " + provider + " failed: " + e.getMessage(),
          isFatal(e),
          e);
    } finally {
      lock.readLock().unlock();
    }
  }

  private void runInto(Buffer batch, int first, int count, float[][] rows)
      throws OrtException, InferenceException {
    try (OnnxTensor tensor = tensor(batch, first, count);
        OrtSession.Result result =
            session.run(Map.of(signature.inputName(), tensor), Set.of(signature.outputName()))) {
      FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
      if (out.remaining() != count * model.classes()) {
        throw new InferenceException(
            "output '"
                + model.outputName()
                + "' holds "
                + out.remaining()
                + " floats for "
                + count
                + " images, expected "
                + count * model.classes(),
            false,
            null);
      }
      for (int i = 0; i < count; i++) {
        rows[first + i] = new float[model.classes()];
        out.get(rows[first + i]);
      }
    }
  }

  /** A tensor on images {@code first} to {@code first + count - 1} of the batch, not copied. */
  private OnnxTensor tensor(Buffer batch, int first, int count) throws OrtException {
    long[] shape = signature.batchShape(count);
    if (batch instanceof ByteBuffer bytes) {
      int size = signature.input().bytes();
      ByteBuffer slice = bytes.slice(first * size, count * size).order(ByteOrder.nativeOrder());
      return OnnxTensor.createTensor(env, slice, shape, OnnxJavaType.UINT8);
    }
    int floats = signature.imageFloats();
    FloatBuffer slice = ((FloatBuffer) batch).slice(first * floats, count * floats);
    return OnnxTensor.createTensor(env, slice, shape);
  }

  /** A failing run is fatal only when the session or device cannot be used any more. */
  private static boolean isFatal(OrtException e) {
    return e.getCode() == OrtErrorCode.ORT_DEVICE_RESET || e.getCode() == OrtErrorCode.ORT_EP_FAIL;
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      session.close();
      LOG.info("closed inference engine for model {}", model.name());
    } catch (OrtException e) {
      LOG.warn("closing the session of model {} failed: {}", model.name(), e.getMessage());
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void logOpened(Path file) {
    LOG.info(
        "opened model {} version {} (sha256 {}) on {}: input {} {}, output {} with {} classes, {}"
            + " batch, softmax {}",
        model.name(),
        model.version(),
        model.sha256(),
        provider,
        model.inputName(),
        Arrays.toString(signature.batchShape(model.fixedBatch() ? 1 : -1)),
        model.outputName(),
        model.classes(),
        model.fixedBatch() ? "fixed (1)" : "dynamic",
        applySoftmax ? "applied in Java" : "from the model");
    if (model.fixedBatch()) {
      LOG.info(
          "model {} has a fixed batch of 1: batches run image by image; run 'model prepare --in"
              + " {} --out FILE' to make it batchable",
          model.name(),
          file);
    }
  }

  private static void closeQuietly(OnnxInferenceEngine engine, OrtSession session) {
    if (engine != null) {
      engine.close();
      return;
    }
    try {
      session.close();
    } catch (OrtException e) {
      LOG.warn("closing a half-opened session failed: {}", e.getMessage());
    }
  }
}
