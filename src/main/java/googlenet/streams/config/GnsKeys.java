package googlenet.streams.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/**
 * Every googlenet-streams configuration key, with its type, default, validator and documentation,
 * in one definition (the schema registry keys are written in {@link RegistryKeys} and defined into
 * it). The configuration table of docs/configuration.md is generated from {@link #docs()}.
 */
public final class GnsKeys {
  /** Topic the service reads {@code ImageRecord}s from. */
  public static final String INPUT_TOPIC = "input.topic";

  /** Topic the service writes every {@code Classification} to. */
  public static final String OUTPUT_TOPIC = "output.topic";

  /** Topic rejected records go to, byte-identical, with error headers. */
  public static final String DLQ_TOPIC = "dlq.topic";

  /** Largest number of images run in one inference call. */
  public static final String BATCH_MAX_SIZE = "batch.max.size";

  /** Longest time the oldest queued image waits for a fuller batch while the engine is free. */
  public static final String BATCH_MAX_DELAY_MS = "batch.max.delay.ms";

  /** Under exactly-once, the least time between two commits requested after results are written. */
  public static final String RESULT_COMMIT_INTERVAL_MS = "result.commit.interval.ms";

  /** A candidate model run beside the live one, its labels written to {@link #SHADOW_TOPIC}. */
  public static final String SHADOW_MODEL_PATH = "shadow.model.path";

  /** Topic the shadow candidate's labels are written to. */
  public static final String SHADOW_TOPIC = "shadow.topic";

  /** Fraction of the images also run through the shadow candidate. */
  public static final String SHADOW_FRACTION = "shadow.fraction";

  /** Images the shadow holds at most before it skips. */
  public static final String SHADOW_QUEUE_MAX = "shadow.queue.max";

  /** Threads that decode and preprocess images, in parallel with inference. */
  public static final String IMAGE_DECODE_THREADS = "image.decode.threads";

  /** Engine runs in flight at once. */
  public static final String INFERENCE_CONCURRENT_RUNS = "inference.concurrent.runs";

  /** Model spec: {@code synthetic}, {@code synthetic-small} or an ONNX file. */
  public static final String MODEL_PATH = "model.path";

  /** Model name stamped on results. */
  public static final String MODEL_NAME = "model.name";

  /** Model version stamped on results. */
  public static final String MODEL_VERSION = "model.version";

  /** Expected SHA-256 of the model file. */
  public static final String MODEL_SHA256 = "model.sha256";

  /** How often the model file is checked for a new model; 0 never. */
  public static final String MODEL_WATCH_INTERVAL_MS = "model.watch.interval.ms";

  /** Whether the engine runs one batch at start. */
  public static final String MODEL_WARMUP = "model.warmup";

  /** Synset file naming the model's classes. */
  public static final String LABELS_PATH = "labels.path";

  /** Number of predictions per result. */
  public static final String TOP_K = "top.k";

  /** Execution provider: cpu, cuda or cuda-strict. */
  public static final String EXECUTION_PROVIDER = "execution.provider";

  /** CUDA device id. */
  public static final String CUDA_DEVICE_ID = "cuda.device.id";

  /** Prefix of CUDA provider options: {@code cuda.option.<name>}. */
  public static final String CUDA_OPTION_PREFIX = "cuda.option.";

  /** ONNX Runtime intra-op threads. */
  public static final String INTRA_OP_THREADS = "intra.op.threads";

  /** ONNX Runtime inter-op threads. */
  public static final String INTER_OP_THREADS = "inter.op.threads";

  /** Whether ONNX Runtime's intra-op threads spin while they wait for work. */
  public static final String INTRA_OP_SPINNING = "intra.op.spinning";

  /** ONNX Runtime's dynamic block base for the intra-op threads' parallel loops; 0: static. */
  public static final String INTRA_OP_DYNAMIC_BLOCK_BASE = "intra.op.dynamic.block.base";

  /** Softmax on the model output: auto, always or never. */
  public static final String SOFTMAX = "softmax";

  /** Preprocessing profile: caffe-bgr or torchvision-rgb. */
  public static final String PREPROCESS_PROFILE = "preprocess.profile";

  /** Largest encoded image accepted, in bytes. */
  public static final String IMAGE_MAX_BYTES = "image.max.bytes";

  /** Largest width times height accepted. */
  public static final String IMAGE_MAX_PIXELS = "image.max.pixels";

  /** Which decoder JPEGs go to: auto, native or imageio. */
  public static final String IMAGE_DECODER = "image.decoder";

  /** Whether the /metrics and /health endpoint is served. */
  public static final String METRICS_ENABLED = "metrics.enabled";

  /** Address the /metrics and /health endpoint binds. */
  public static final String METRICS_ADDRESS = "metrics.address";

  /** Port of the /metrics and /health endpoint; 0 picks a free one, -1 disables it. */
  public static final String METRICS_PORT = "metrics.port";

  /** Longest wait for the stream threads to close on shutdown. */
  public static final String SHUTDOWN_TIMEOUT_MS = "shutdown.timeout.ms";

  /** Prefix of routing rules: {@code route.<name>.<field>}. */
  public static final String ROUTE_PREFIX = "route.";

  /** Prefix of the environment variables that set googlenet-streams keys. */
  public static final String ENV_PREFIX = "GNS_";

  /**
   * Key prefixes that belong to googlenet-streams: a key under one of them that is not defined is a
   * typo and is refused instead of being passed to Kafka. No Kafka client or Streams key starts
   * with one of them.
   */
  static final List<String> NAMESPACES =
      List.of(
          "input.",
          "output.",
          "dlq.",
          "batch.max.",
          "batch.buffer.",
          "model.",
          "shutdown.",
          "labels.",
          "top.",
          "execution.",
          "inference.",
          "shadow.",
          "cuda.",
          "intra.op.",
          "inter.op.",
          "softmax",
          "preprocess.",
          "image.",
          RegistryKeys.PREFIX,
          ROUTE_PREFIX);

  private static final ConfigDef DEFINITION = define();

  private GnsKeys() {}

  private static ConfigDef define() {
    ConfigDef def = new ConfigDef();
    ConfigDef.Validator nonEmpty = new ConfigDef.NonEmptyString();
    def.define(
        INPUT_TOPIC,
        Type.STRING,
        "images",
        nonEmpty,
        Importance.HIGH,
        "Topic the service reads ImageRecord values from (Avro single-object encoding, or registry "
            + "framing with schema.registry.url).");
    def.define(
        OUTPUT_TOPIC,
        Type.STRING,
        "classifications",
        nonEmpty,
        Importance.HIGH,
        "Topic every Classification is written to, with the input key, timestamp and headers.");
    def.define(
        DLQ_TOPIC,
        Type.STRING,
        "images.dlq",
        nonEmpty,
        Importance.HIGH,
        "Dead-letter topic: rejected records, original key and value bytes untouched, plus gns.error.* headers.");
    def.define(
        BATCH_MAX_SIZE,
        Type.INT,
        8,
        Range.between(1, 4096),
        Importance.HIGH,
        "Largest number of images run in one inference call. The scheduler fills batches from "
            + "every stream thread and partition. 8 suits the CPU, where batching does not raise "
            + "throughput but amortises per-run overhead while adding little latency; use 32-64 "
            + "on a GPU with a model whose batch dimension is symbolic.");
    def.define(
        BATCH_MAX_DELAY_MS,
        Type.LONG,
        10L,
        Range.between(0, 60_000),
        Importance.HIGH,
        "Longest time (ms) the oldest queued image waits for a fuller batch while the engine is "
            + "free; images that queue while the engine is busy join the next batch without "
            + "waiting. 0 runs whatever is queued at once.");
    def.define(
        RESULT_COMMIT_INTERVAL_MS,
        Type.LONG,
        100L,
        Range.between(0, 60_000),
        Importance.MEDIUM,
        "Under exactly-once, a task that has written results asks for a commit (which makes "
            + "them readable) at once, or as soon as this many ms have passed since its last "
            + "request: results are readable about this soon after they are written, and a slow "
            + "model commits once per batch instead of once per commit.interval.ms. 0 leaves "
            + "commits to commit.interval.ms alone. Ignored under at_least_once, where results "
            + "are readable when written.");
    def.define(
        IMAGE_DECODE_THREADS,
        Type.INT,
        0,
        Range.between(0, 1024),
        Importance.MEDIUM,
        "Threads that decode and preprocess images, in parallel with inference and shared by "
            + "every stream thread; 0 = one per core.");
    def.define(
        INFERENCE_CONCURRENT_RUNS,
        Type.INT,
        1,
        Range.between(1, 64),
        Importance.MEDIUM,
        "Engine runs in flight at once. On the CPU keep runs x intra.op.threads at most the "
            + "cores; on a GPU 2 overlaps one batch's copies with another's compute.");
    def.define(
        MODEL_PATH,
        Type.STRING,
        "synthetic",
        nonEmpty,
        Importance.HIGH,
        "The model: `synthetic` (full-size GoogLeNet with deterministic random weights, generated "
            + "on first use; labels are meaningless), `synthetic-small`, or the path of an ONNX file.");
    def.define(
        MODEL_NAME,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Model name stamped on results and in the gns.model.name header; empty takes the file name.");
    def.define(
        MODEL_VERSION,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Model version stamped on results; empty takes the first 12 hex digits of the file's SHA-256.");
    def.define(
        MODEL_SHA256,
        Type.STRING,
        "",
        sha256(),
        Importance.MEDIUM,
        "Expected SHA-256 of the model file (64 hex digits); when set, a different file refuses to load.");
    def.define(
        MODEL_WATCH_INTERVAL_MS,
        Type.LONG,
        10_000L,
        Range.between(0, 86_400_000),
        Importance.MEDIUM,
        "How often (ms) the service checks the file model.path names: when its SHA-256 changes "
            + "(and the file has stopped changing), the new model is loaded and warmed beside the "
            + "old one and takes over between batches, without a restart; a model that fails to "
            + "load or does not fit is refused and the old one keeps serving. Replace the file "
            + "atomically (write elsewhere, then rename). 0 never checks; synthetic models are "
            + "never checked.");
    def.define(
        MODEL_WARMUP,
        Type.BOOLEAN,
        true,
        Importance.LOW,
        "Run one batch when the engine opens, so the first real batch is not slow.");
    def.define(
        SHADOW_MODEL_PATH,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "A candidate model (an ONNX file, or synthetic/synthetic-small) that sees the same images as "
            + "the live one: its labels go to shadow.topic, keyed like the results and stamped with "
            + "its name and version, and never delay or fail the live output. Empty: no shadow.");
    def.define(
        SHADOW_TOPIC,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Topic the shadow candidate's classifications are written to (at-least-once, by a producer "
            + "of their own); required with shadow.model.path. 'googlenet-streams compare' reports "
            + "how the two models agree.");
    def.define(
        SHADOW_FRACTION,
        Type.DOUBLE,
        1.0,
        Range.between(0.0, 1.0),
        Importance.LOW,
        "Fraction of the images also run through the shadow candidate, chosen by input position, so "
            + "a restart samples the same records.");
    def.define(
        SHADOW_QUEUE_MAX,
        Type.INT,
        64,
        Range.between(1, 4096),
        Importance.LOW,
        "Images the shadow holds at most; one offered while it is full is skipped and counted "
            + "(gns_shadow_skipped_total{reason=\"queue-full\"}), so the live path never waits for it.");
    def.define(
        LABELS_PATH,
        Type.STRING,
        "",
        Importance.MEDIUM,
        "Synset file naming the classes, one per line (`n02123045 tabby, tabby cat`); "
            + "empty takes synset.txt beside the model file if there is one, else ImageNet's "
            + "1000 synsets shipped with googlenet-streams (a model with another class count gets "
            + "`class N` names).");
    def.define(
        TOP_K,
        Type.INT,
        5,
        Range.between(1, 1000),
        Importance.MEDIUM,
        "Number of predictions per result, most probable first.");
    def.define(
        EXECUTION_PROVIDER,
        Type.STRING,
        "cpu",
        ValidString.in("cpu", "cuda", "cuda-strict"),
        Importance.HIGH,
        "cpu; cuda (falls back to the CPU with a warning, provider stamped on every result); "
            + "cuda-strict (refuses to start without CUDA).");
    def.define(
        CUDA_DEVICE_ID,
        Type.INT,
        0,
        Range.atLeast(0),
        Importance.MEDIUM,
        "CUDA device the session runs on.");
    def.define(
        INTRA_OP_THREADS,
        Type.INT,
        0,
        Range.between(0, 1024),
        Importance.MEDIUM,
        "ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose (one per core).");
    def.define(
        INTER_OP_THREADS,
        Type.INT,
        0,
        Range.between(0, 1024),
        Importance.LOW,
        "ONNX Runtime inter-op threads; 0 lets ONNX Runtime choose.");
    def.define(
        INTRA_OP_SPINNING,
        Type.BOOLEAN,
        false,
        Importance.LOW,
        "Whether ONNX Runtime's intra-op threads spin between runs (ONNX Runtime's own default)"
            + " instead of sleeping. Off here: in the pipeline on the CPU, spinning bought no"
            + " throughput and cost 1.5-1.9x the CPU per image (docs/performance.md); on a GPU the"
            + " pool barely runs.");
    def.define(
        INTRA_OP_DYNAMIC_BLOCK_BASE,
        Type.INT,
        4,
        Range.between(0, 64),
        Importance.LOW,
        "ONNX Runtime's session.dynamic_block_base: an operator's work goes to the intra-op"
            + " threads in blocks that shrink as it runs out, so a thread the OS has taken off a"
            + " core holds up less of it; 0 keeps ONNX Runtime's static blocks. On 2 cores shared"
            + " with decoding and Kafka, 4 raised the default pipeline's throughput by 1-8% across"
            + " four paired runs (docs/performance.md).");
    def.define(
        SOFTMAX,
        Type.STRING,
        "auto",
        ValidString.in("auto", "always", "never"),
        Importance.LOW,
        "Softmax on the model output: auto (unless the graph ends in Softmax), always, never.");
    def.define(
        PREPROCESS_PROFILE,
        Type.STRING,
        "caffe-bgr",
        ValidString.in("caffe-bgr", "torchvision-rgb"),
        Importance.MEDIUM,
        "caffe-bgr (ONNX model zoo GoogLeNet: 224x224 resize, BGR, mean subtraction) or "
            + "torchvision-rgb (resize 256, centre crop 224, ImageNet mean/std).");
    def.define(
        IMAGE_MAX_BYTES,
        Type.INT,
        20 * 1024 * 1024,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Largest encoded image accepted, in bytes; larger ones go to the DLQ as too-large.");
    def.define(
        IMAGE_MAX_PIXELS,
        Type.LONG,
        50_000_000L,
        Range.atLeast(1),
        Importance.MEDIUM,
        "Largest width x height accepted, read from the header before decoding; larger ones go to "
            + "the DLQ as too-many-pixels.");
    def.define(
        IMAGE_DECODER,
        Type.STRING,
        "auto",
        ValidString.in("auto", "native", "imageio"),
        Importance.MEDIUM,
        "JPEG decoder: `native` (OpenCV with libjpeg-turbo, bundled for linux-x86_64 and "
            + "linux-arm64: DCT-domain downscaling, resize and normalisation in native code; "
            + "refuses to start where it cannot load), `imageio` (Java only), or `auto` (native "
            + "where it loads, else ImageIO with a warning). Rejections carry ImageIO's reasons; "
            + "CMYK, 12-bit and non-JPEG images, and JPEGs the native decoder returns no image for "
            + "(e.g. truncated), go to ImageIO; see docs/images.md.");
    def.define(
        METRICS_ENABLED,
        Type.BOOLEAN,
        true,
        Importance.MEDIUM,
        "Serve GET /metrics (Prometheus text format), /health/live and /health/ready.");
    def.define(
        METRICS_ADDRESS,
        Type.STRING,
        "127.0.0.1",
        new ConfigDef.NonEmptyString(),
        Importance.MEDIUM,
        "Address the metrics and health endpoint binds; 0.0.0.0 in containers so probes and "
            + "Prometheus can reach it.");
    def.define(
        METRICS_PORT,
        Type.INT,
        9404,
        Range.between(-1, 65535),
        Importance.MEDIUM,
        "Port of the metrics and health endpoint; 0 picks a free port (logged), -1 disables it.");
    def.define(
        SHUTDOWN_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        Range.between(1_000, 600_000),
        Importance.MEDIUM,
        "Longest wait (ms) on SIGTERM for the stream threads to finish the record at hand, commit "
            + "and close; then the engine closes after its run in flight (seconds) and the process "
            + "exits. Records not yet labelled stay in the changelogged buffer for the next owner. "
            + "Keep Kubernetes' terminationGracePeriodSeconds (45 in deploy/k8s) at least 15 s "
            + "above it; see docs/operations.md.");
    RegistryKeys.define(def);
    return def;
  }

  private static ConfigDef.Validator sha256() {
    return ConfigDef.LambdaValidator.with(
        (name, value) -> {
          String s = (String) value;
          if (!s.isEmpty() && !s.matches("[0-9a-fA-F]{64}")) {
            throw new org.apache.kafka.common.config.ConfigException(
                name, value, "expected 64 hex digits or empty");
          }
        },
        () -> "64 hex digits, or empty");
  }

  /** The fixed keys, as a Kafka {@link ConfigDef}. */
  public static ConfigDef definition() {
    return DEFINITION;
  }

  /**
   * The environment variable that sets {@code key}: {@code batch.max.size -> GNS_BATCH_MAX_SIZE}.
   */
  public static String envVar(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** True when {@code key} belongs to googlenet-streams rather than to Kafka. */
  public static boolean isGnsNamespace(String key) {
    return NAMESPACES.stream().anyMatch(key::startsWith);
  }

  /**
   * One row per key, in definition order, then the pattern keys and the Kafka keys with defaults:
   * the material of docs/configuration.md's table and of {@code config keys}.
   */
  public static List<KeyDoc> docs() {
    List<KeyDoc> rows = new ArrayList<>();
    for (ConfigDef.ConfigKey key : DEFINITION.configKeys().values()) {
      rows.add(
          new KeyDoc(
              key.name, envVar(key.name), String.valueOf(key.defaultValue), key.documentation));
    }
    rows.addAll(RouteRule.docs());
    rows.add(
        new KeyDoc(
            CUDA_OPTION_PREFIX + "<option>",
            ENV_PREFIX + "CUDA_OPTION_<OPTION>",
            "",
            "CUDA provider option passed as is, e.g. cuda.option.gpu_mem_limit=2147483648, "
                + "cuda.option.cudnn_conv_algo_search=HEURISTIC."));
    rows.addAll(StreamsDefaults.docs());
    return List.copyOf(rows);
  }

  /** The rows of {@link #docs()} as a Markdown table. */
  public static String markdownTable() {
    StringBuilder out = new StringBuilder("| Key | Environment variable | Default | Meaning |\n");
    out.append("|---|---|---|---|\n");
    for (KeyDoc row : docs()) {
      out.append("| `")
          .append(row.key())
          .append("` | `")
          .append(row.envVar())
          .append("` | ")
          .append(row.defaultValue().isEmpty() ? "" : "`" + row.defaultValue() + "`")
          .append(" | ")
          .append(row.doc().replace("|", "\\|"))
          .append(" |\n");
    }
    return out.toString();
  }
}
