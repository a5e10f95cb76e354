package googlenet.streams.config;

import googlenet.streams.config.EnvMapping.Entry;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The typed, validated, immutable configuration of googlenet-streams: a properties file, then
 * environment variables over it ({@code GNS_BATCH_MAX_SIZE} sets {@code batch.max.size}, {@code
 * KAFKA_BOOTSTRAP_SERVERS} sets {@code bootstrap.servers}). Keys are defined in {@link GnsKeys};
 * every key that is not a googlenet-streams key passes to Kafka Streams. Invalid values fail with a
 * {@link ConfigException} naming the key, the value, where it came from and what is accepted.
 */
public final class GnsConfig {
  private final Map<String, Entry> entries;
  private final Map<String, String> env;
  private final AbstractConfig values;
  private final Map<String, String> cudaOptions;
  private final List<RouteRule> routes;
  private final Map<String, String> kafka;
  private final Map<String, String> gnsRaw;
  private final SerdeSettings serde;

  private GnsConfig(Map<String, Entry> entries, Map<String, String> env) {
    this(entries, env, new Problems());
  }

  private GnsConfig(Map<String, Entry> entries, Map<String, String> env, Problems problems) {
    this.entries = Map.copyOf(entries);
    this.env = Map.copyOf(env);
    Map<String, String> gns = new TreeMap<>();
    Map<String, String> cuda = new TreeMap<>();
    Map<String, String> other = new TreeMap<>(StreamsDefaults.DEFAULTS);
    resolve(entries, env, problems)
        .forEach(
            (key, value) -> {
              if (GnsKeys.definition().names().contains(key)
                  || key.startsWith(GnsKeys.ROUTE_PREFIX)) {
                gns.put(key, value);
              } else if (key.startsWith(GnsKeys.CUDA_OPTION_PREFIX)) {
                cuda.put(key.substring(GnsKeys.CUDA_OPTION_PREFIX.length()), value);
              } else if (GnsKeys.isGnsNamespace(key)) {
                problems.add(unknownKey(key, entries.get(key)));
              } else {
                other.put(key, value);
              }
            });
    this.values =
        new AbstractConfig(GnsKeys.definition(), TypedValues.parse(gns, entries, problems), false);
    this.gnsRaw = Map.copyOf(gns);
    this.cudaOptions = Map.copyOf(cuda);
    this.routes = RouteParser.parse(gns, topK(), problems);
    if (exactlyOnce(other)) {
      other.putIfAbsent(
          StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, StreamsDefaults.EXACTLY_ONCE_COMMIT_INTERVAL_MS);
    }
    this.kafka = Map.copyOf(other);
    this.serde =
        problems.attempt(() -> RegistryConfig.parse(values.values()), SerdeSettings.SINGLE_OBJECT);
    problems.check(this::checkShadow);
    problems.check(this::checkGuarantee);
    problems.check(this::checkProcessingHandler);
    problems.throwIfAny();
  }

  /**
   * Loads a properties file (when given), then the environment over it.
   *
   * @throws ConfigException when the file cannot be read
   * @throws InvalidConfigurationException listing every invalid key, value and variable
   */
  public static GnsConfig load(Optional<Path> propertiesFile, Map<String, String> env) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    propertiesFile.ifPresent(file -> entries.putAll(readFile(file)));
    Problems problems = new Problems();
    entries.putAll(EnvMapping.map(env, problems));
    return new GnsConfig(entries, env, problems);
  }

  /** A configuration from keys and values alone (no environment), for tests and embedded use. */
  public static GnsConfig fromMap(Map<String, String> properties) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    properties.forEach((k, v) -> entries.put(k, new Entry(v, "configuration")));
    return new GnsConfig(entries, Map.of());
  }

  /** A copy with {@code overrides} set over this configuration, validated again. */
  public GnsConfig with(Map<String, String> overrides) {
    Map<String, Entry> merged = new LinkedHashMap<>(entries);
    overrides.forEach((k, v) -> merged.put(k, new Entry(v, "override")));
    return new GnsConfig(merged, env);
  }

  /**
   * A copy without routing rules ({@code route.*} keys), e.g. for a backfill whose results must not
   * be copied to the live alert topics.
   */
  public GnsConfig withoutRoutes() {
    Map<String, Entry> kept = new LinkedHashMap<>(entries);
    kept.keySet().removeIf(k -> k.startsWith(GnsKeys.ROUTE_PREFIX));
    return new GnsConfig(kept, env);
  }

  private static Map<String, Entry> readFile(Path file) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException e) {
      throw new ConfigException(
          "cannot read configuration file "
              + file
              + " ("
              + e
              + "); pass an existing, readable "
              + "properties file");
    }
    Map<String, Entry> out = new TreeMap<>();
    props
        .stringPropertyNames()
        .forEach(k -> out.put(k, new Entry(props.getProperty(k).strip(), "file " + file)));
    return out;
  }

  private static Map<String, String> resolve(
      Map<String, Entry> entries, Map<String, String> env, Problems problems) {
    boolean kafkaProviders = entries.containsKey("config.providers");
    ValueResolver resolver = new ValueResolver(env);
    Map<String, String> out = new TreeMap<>();
    entries.forEach(
        (k, e) -> {
          String value =
              kafkaProviders
                  ? e.value()
                  : problems.attempt(() -> resolver.resolve(k, e.value()), null);
          if (value != null) {
            out.put(k, value);
          }
        });
    return out;
  }

  private static ConfigException unknownKey(String key, Entry entry) {
    List<String> known = new java.util.ArrayList<>(GnsKeys.definition().names());
    return new ConfigException(
        "unknown googlenet-streams key "
            + key
            + " (from "
            + entry.origin()
            + "); did you mean "
            + Suggest.closest(key, known)
            + "? See 'googlenet-streams config keys' for the accepted names");
  }

  private void checkShadow() {
    if (shadowModelSpec().isPresent() && shadowTopic().isEmpty()) {
      throw new ConfigException(
          GnsKeys.SHADOW_TOPIC
              + " is required with "
              + GnsKeys.SHADOW_MODEL_PATH
              + ": set the topic the candidate's labels go to, or leave "
              + GnsKeys.SHADOW_MODEL_PATH
              + " empty");
    }
  }

  private void checkGuarantee() {
    String guarantee = kafka.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG);
    if (!List.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE).contains(guarantee)) {
      throw new ConfigException(
          StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
          guarantee,
          "accepted: exactly_once_v2 (default) or at_least_once");
    }
  }

  /**
   * The topology dead-letters bad records itself and throws only for fatal failures (the engine is
   * unusable); a handler that continues would skip those and drop the batch.
   */
  private void checkProcessingHandler() {
    String handler = kafka.get(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
    if (handler != null && handler.strip().endsWith("LogAndContinueProcessingExceptionHandler")) {
      throw new ConfigException(
          StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
          handler,
          "googlenet-streams sends bad records to dlq.topic itself and fails only when the engine"
              + " cannot go on; a handler that continues would drop batches. Remove the key");
    }
  }

  /** Topic the service reads images from. */
  public String inputTopic() {
    return values.getString(GnsKeys.INPUT_TOPIC);
  }

  /** Topic every classification is written to. */
  public String outputTopic() {
    return values.getString(GnsKeys.OUTPUT_TOPIC);
  }

  /** Dead-letter topic. */
  public String dlqTopic() {
    return values.getString(GnsKeys.DLQ_TOPIC);
  }

  /** Largest number of images run in one inference call. */
  public int batchMaxSize() {
    return values.getInt(GnsKeys.BATCH_MAX_SIZE);
  }

  /** Longest time the oldest queued image waits for a fuller batch while the engine is free. */
  public Duration batchMaxDelay() {
    return Duration.ofMillis(values.getLong(GnsKeys.BATCH_MAX_DELAY_MS));
  }

  /**
   * The least time between two commits a task requests after writing results ({@code
   * result.commit.interval.ms}); zero under at-least-once, where results need no commit to be
   * readable, and when the key is 0.
   */
  public Duration resultCommitInterval() {
    return exactlyOnce()
        ? Duration.ofMillis(values.getLong(GnsKeys.RESULT_COMMIT_INTERVAL_MS))
        : Duration.ZERO;
  }

  /** Threads that decode and preprocess images: {@code image.decode.threads}, 0 = one per core. */
  public int decodeThreads() {
    int threads = values.getInt(GnsKeys.IMAGE_DECODE_THREADS);
    return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
  }

  /** Engine runs in flight at once ({@code inference.concurrent.runs}). */
  public int concurrentRuns() {
    return values.getInt(GnsKeys.INFERENCE_CONCURRENT_RUNS);
  }

  /** The model spec: {@code synthetic}, {@code synthetic-small} or a file path. */
  public String modelSpec() {
    return values.getString(GnsKeys.MODEL_PATH).strip();
  }

  /** Model name stamped on results; empty to take the file name. */
  public Optional<String> modelName() {
    return optional(GnsKeys.MODEL_NAME);
  }

  /** Model version stamped on results; empty to take the file's SHA-256 prefix. */
  public Optional<String> modelVersion() {
    return optional(GnsKeys.MODEL_VERSION);
  }

  /** Expected SHA-256 of the model file, lower-case, when configured. */
  public Optional<String> modelSha256() {
    return optional(GnsKeys.MODEL_SHA256).map(s -> s.toLowerCase(Locale.ROOT));
  }

  /** {@code shutdown.timeout.ms}: the longest wait for the stream threads to close. */
  public Duration shutdownTimeout() {
    return Duration.ofMillis(values.getLong(GnsKeys.SHUTDOWN_TIMEOUT_MS));
  }

  /** How often the model file is checked for a new model; zero never. */
  public Duration modelWatchInterval() {
    return Duration.ofMillis(values.getLong(GnsKeys.MODEL_WATCH_INTERVAL_MS));
  }

  /** The shadow candidate's model spec, when one is configured. */
  public Optional<String> shadowModelSpec() {
    return optional(GnsKeys.SHADOW_MODEL_PATH);
  }

  /** Topic the shadow candidate's classifications go to. */
  public String shadowTopic() {
    return values.getString(GnsKeys.SHADOW_TOPIC).strip();
  }

  /** Fraction of the images the shadow candidate also runs. */
  public double shadowFraction() {
    return values.getDouble(GnsKeys.SHADOW_FRACTION);
  }

  /** Images the shadow holds at most before it skips. */
  public int shadowQueueMax() {
    return values.getInt(GnsKeys.SHADOW_QUEUE_MAX);
  }

  /** Whether the engine runs one batch when it opens. */
  public boolean modelWarmup() {
    return values.getBoolean(GnsKeys.MODEL_WARMUP);
  }

  /** The configured synset file ({@code labels.path}), if any. */
  public Optional<Path> labelsPath() {
    return optional(GnsKeys.LABELS_PATH).map(Path::of);
  }

  /** Number of predictions per result. */
  public int topK() {
    return values.getInt(GnsKeys.TOP_K);
  }

  /** The preprocessing profile's id, e.g. {@code caffe-bgr}. */
  public String preprocessProfile() {
    return values.getString(GnsKeys.PREPROCESS_PROFILE);
  }

  /** Largest encoded image accepted, in bytes. */
  public int imageMaxBytes() {
    return values.getInt(GnsKeys.IMAGE_MAX_BYTES);
  }

  /** Largest width times height accepted. */
  public long imageMaxPixels() {
    return values.getLong(GnsKeys.IMAGE_MAX_PIXELS);
  }

  /** Which decoder JPEGs go to first ({@code image.decoder}): auto, native or imageio. */
  public String imageDecoder() {
    return values.getString(GnsKeys.IMAGE_DECODER);
  }

  /** The routing rules, in name order. */
  public List<RouteRule> routes() {
    return routes;
  }

  /** The execution provider's id: {@code cpu}, {@code cuda} or {@code cuda-strict}. */
  public String executionProvider() {
    return values.getString(GnsKeys.EXECUTION_PROVIDER);
  }

  /** The CUDA device the session runs on. */
  public int cudaDeviceId() {
    return values.getInt(GnsKeys.CUDA_DEVICE_ID);
  }

  /** CUDA provider options ({@code cuda.option.<name>}), name to value. */
  public Map<String, String> cudaOptions() {
    return cudaOptions;
  }

  /** ONNX Runtime intra-op threads; 0 lets ONNX Runtime choose. */
  public int intraOpThreads() {
    return values.getInt(GnsKeys.INTRA_OP_THREADS);
  }

  /** ONNX Runtime inter-op threads; 0 lets ONNX Runtime choose. */
  public int interOpThreads() {
    return values.getInt(GnsKeys.INTER_OP_THREADS);
  }

  /** Whether ONNX Runtime's intra-op threads spin while they wait: {@code intra.op.spinning}. */
  public boolean intraOpSpinning() {
    return values.getBoolean(GnsKeys.INTRA_OP_SPINNING);
  }

  /** ONNX Runtime's dynamic block base: {@code intra.op.dynamic.block.base}; 0 is off. */
  public int intraOpDynamicBlockBase() {
    return values.getInt(GnsKeys.INTRA_OP_DYNAMIC_BLOCK_BASE);
  }

  /** Softmax on the model output: {@code auto}, {@code always} or {@code never}. */
  public String softmax() {
    return values.getString(GnsKeys.SOFTMAX);
  }

  /**
   * Where to serve /metrics and /health, or empty when {@code metrics.enabled=false} or {@code
   * metrics.port=-1}. Port 0 means any free port.
   */
  public Optional<InetSocketAddress> metricsEndpoint() {
    int port = values.getInt(GnsKeys.METRICS_PORT);
    if (!values.getBoolean(GnsKeys.METRICS_ENABLED) || port < 0) {
      return Optional.empty();
    }
    return Optional.of(new InetSocketAddress(values.getString(GnsKeys.METRICS_ADDRESS), port));
  }

  /**
   * How records are read and written: the schema registry ({@code schema.registry.*}), if {@code
   * schema.registry.url} is set, and the output format ({@code output.format}). Build the readers
   * and writers with {@code RecordSerdes.create(config.serdeSettings(), listener)}.
   */
  public SerdeSettings serdeSettings() {
    return serde;
  }

  /** The Kafka Streams threads googlenet-streams runs when {@code num.stream.threads} is unset. */
  public static int defaultStreamThreads() {
    return Integer.parseInt(StreamsDefaults.STREAM_THREADS);
  }

  /** True when {@code processing.guarantee} is {@code exactly_once_v2}. */
  public boolean exactlyOnce() {
    return exactlyOnce(kafka);
  }

  private static boolean exactlyOnce(Map<String, String> kafka) {
    return StreamsConfig.EXACTLY_ONCE_V2.equals(
        kafka.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
  }

  /**
   * The properties for {@code new KafkaStreams(topology, props)}: every key that is not a
   * googlenet-streams key, over the defaults {@code application.id=googlenet-streams} and {@code
   * processing.guarantee=exactly_once_v2}.
   *
   * @throws ConfigException when {@code bootstrap.servers} is not set
   */
  public Properties streamsProperties() {
    if (!kafka.containsKey(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)) {
      throw new ConfigException(
          "bootstrap.servers is not set: set it in the properties file or as "
              + "KAFKA_BOOTSTRAP_SERVERS, e.g. localhost:9092");
    }
    Properties props = new Properties();
    props.putAll(kafka);
    putProducerSizeDefaults(props);
    return props;
  }

  /**
   * Lets the producer send a record of {@code image.max.bytes} plus headers (a rejected image to
   * the dead-letter topic): Kafka's 1 MiB default would stop the service on the first larger image.
   * Left alone when the configuration sets the size.
   */
  private void putProducerSizeDefaults(Properties props) {
    String size = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
    if (!kafka.containsKey(size) && !kafka.containsKey(StreamsConfig.producerPrefix(size))) {
      props.put(StreamsConfig.producerPrefix(size), Integer.toString(producerMaxRequestBytes()));
    }
    String memory = ProducerConfig.BUFFER_MEMORY_CONFIG;
    if (!kafka.containsKey(memory) && !kafka.containsKey(StreamsConfig.producerPrefix(memory))) {
      long buffer = Math.max(32L << 20, producerMaxRequestBytes());
      props.put(StreamsConfig.producerPrefix(memory), Long.toString(buffer));
    }
  }

  /**
   * The largest request the service's producer sends: {@code producer.max.request.size} or {@code
   * max.request.size} when set, else {@code image.max.bytes} + 1 MiB. A dead letter that would not
   * fit is written without its value (see the topology's dead-letter headers).
   */
  public int producerMaxRequestBytes() {
    String size = ProducerConfig.MAX_REQUEST_SIZE_CONFIG;
    String set = kafka.getOrDefault(StreamsConfig.producerPrefix(size), kafka.get(size));
    if (set != null) {
      try {
        return Integer.parseInt(set.strip());
      } catch (NumberFormatException e) {
        throw new ConfigException(size, set, "expected a number of bytes");
      }
    }
    return (int) Math.min(Integer.MAX_VALUE, imageMaxBytes() + (1L << 20));
  }

  /**
   * Every effective key and value, sorted, with the values of secret-looking keys (password,
   * secret, jaas, token, credential, *.key) masked: safe to log.
   */
  public SortedMap<String, String> redacted() {
    SortedMap<String, String> out = new TreeMap<>();
    values.values().forEach((k, v) -> out.put(k, String.valueOf(v)));
    gnsRaw.forEach(out::putIfAbsent);
    cudaOptions.forEach((k, v) -> out.put(GnsKeys.CUDA_OPTION_PREFIX + k, v));
    kafka.forEach(out::put);
    out.replaceAll((k, v) -> Redaction.isSecret(k) ? Redaction.MASK : v);
    return java.util.Collections.unmodifiableSortedMap(out);
  }

  private Optional<String> optional(String key) {
    String value = values.getString(key).strip();
    return value.isEmpty() ? Optional.empty() : Optional.of(value);
  }

  @Override
  public String toString() {
    return "GnsConfig" + redacted();
  }
}
