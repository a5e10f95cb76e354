package googlenet.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GnsConfigTest {
  @TempDir Path dir;

  @Test
  void shouldApplyDefaultsWhenNothingIsSet() {
    GnsConfig config = GnsConfig.fromMap(Map.of("bootstrap.servers", "b:9092"));

    assertThat(config.inputTopic()).isEqualTo("images");
    assertThat(config.outputTopic()).isEqualTo("classifications");
    assertThat(config.dlqTopic()).isEqualTo("images.dlq");
    assertThat(config.batchMaxSize()).isEqualTo(8);
    assertThat(config.batchMaxDelay()).isEqualTo(Duration.ofMillis(10));
    assertThat(config.decodeThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.concurrentRuns()).isEqualTo(1);
    assertThat(config.modelSpec()).isEqualTo("synthetic");
    assertThat(config.topK()).isEqualTo(5);
    assertThat(config.labelsPath()).isEmpty();
    assertThat(config.preprocessProfile()).isEqualTo("caffe-bgr");
    assertThat(config.imageMaxBytes()).isEqualTo(20 * 1024 * 1024);
    assertThat(config.imageMaxPixels()).isEqualTo(50_000_000L);
    assertThat(config.imageDecoder()).isEqualTo("auto");
    assertThat(config.intraOpSpinning()).isFalse();
    assertThat(config.routes()).isEmpty();
    assertThat(config.exactlyOnce()).isTrue();
    Properties props = config.streamsProperties();
    assertThat(props)
        .containsEntry("application.id", "googlenet-streams")
        .containsEntry("processing.guarantee", "exactly_once_v2")
        .containsEntry("num.stream.threads", "2")
        .containsEntry("processing.exception.handler.global.enabled", "true")
        .containsEntry("bootstrap.servers", "b:9092")
        .doesNotContainKey("batch.max.size");
    assertThat(GnsConfig.defaultStreamThreads()).isEqualTo(2);
  }

  @Test
  void shouldMapGnsAndKafkaEnvironmentVariablesOverTheFile() throws Exception {
    Path file = dir.resolve("gns.properties");
    Files.writeString(
        file,
        "batch.max.size=4\nbatch.max.delay.ms=20\nbootstrap.servers=file:9092\n"
            + "commit.interval.ms=200\n");
    Map<String, String> env =
        Map.of(
            "GNS_BATCH_MAX_SIZE", "16",
            "KAFKA_BOOTSTRAP_SERVERS", "env:9092",
            "KAFKA_NUM_STREAM_THREADS", "2",
            "KAFKA_HEAP_OPTS", "-Xmx1g",
            "KAFKA_PORT_9092_TCP", "tcp://10.0.0.1:9092",
            "GNS_CUDA_OPTION_GPU_MEM_LIMIT", "1024",
            "PATH", "/usr/bin");

    GnsConfig config = GnsConfig.load(Optional.of(file), env);

    assertThat(config.batchMaxSize()).isEqualTo(16);
    assertThat(config.batchMaxDelay()).isEqualTo(Duration.ofMillis(20));
    assertThat(config.cudaOptions()).containsExactlyEntriesOf(Map.of("gpu_mem_limit", "1024"));
    assertThat(config.streamsProperties())
        .containsEntry("bootstrap.servers", "env:9092")
        .containsEntry("num.stream.threads", "2")
        .containsEntry("commit.interval.ms", "200")
        .doesNotContainKeys("heap.opts", "port.9092.tcp", "path");
  }

  @Test
  void shouldRefuseAnUnknownGnsVariableNamingItAndTheClosestKnownOne() {
    assertThatThrownBy(() -> GnsConfig.load(Optional.empty(), Map.of("GNS_BATCH_MAX_SIZ", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GNS_BATCH_MAX_SIZ")
        .hasMessageContaining("did you mean GNS_BATCH_MAX_SIZE?");
  }

  @Test
  void shouldIgnoreTheLogLevelCacheAndCiVariables() {
    Map<String, String> env =
        Map.of(
            "GNS_CACHE_DIR", "/tmp/models",
            "GNSCI_REQUIRE_CONTAINERS", "true",
            "GNS_LOG_LEVEL", "DEBUG",
            "KAFKA_BOOTSTRAP_SERVERS", "b:9092");

    assertThat(GnsConfig.load(Optional.empty(), env).redacted())
        .doesNotContainKeys("cache.dir", "require.containers", "log.level");
  }

  @Test
  void shouldMapKafkaVariablesLikeTheApacheKafkaImage() {
    assertThat(EnvMapping.kafkaKey("SASL_JAAS_CONFIG")).isEqualTo("sasl.jaas.config");
    assertThat(EnvMapping.kafkaKey("SOME__UNDERSCORED___DASHED"))
        .isEqualTo("some_underscored-dashed");
  }

  @Test
  void shouldRefuseAnUnknownKeyInTheGnsNamespace() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("batch.max.sise", "4")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown googlenet-streams key batch.max.sise")
        .hasMessageContaining("did you mean batch.max.size?");
  }

  @Test
  void shouldNameKeyValueOriginAndRangeOfABadInteger() {
    Map<String, String> env = Map.of("GNS_BATCH_MAX_SIZE", "eight");

    assertThatThrownBy(() -> GnsConfig.load(Optional.empty(), env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("eight")
        .hasMessageContaining("batch.max.size")
        .hasMessageContaining("environment variable GNS_BATCH_MAX_SIZE")
        .hasMessageContaining("accepted: an integer in [1,...,4096]");
  }

  @Test
  void shouldNameTheRangeOfAnOutOfRangeInteger() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("batch.max.size", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value 0 for configuration batch.max.size")
        .hasMessageContaining("[1,...,4096]");
  }

  @Test
  void shouldListTheAcceptedProvidersForABadProvider() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("execution.provider", "tpu")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("tpu")
        .hasMessageContaining("execution.provider")
        .hasMessageContaining("[cpu, cuda, cuda-strict]");
  }

  @Test
  void shouldTakeTheImageDecoderAndListTheAcceptedOnesForABadOne() {
    assertThat(GnsConfig.fromMap(Map.of("image.decoder", "imageio")).imageDecoder())
        .isEqualTo("imageio");
    assertThat(
            GnsConfig.load(Optional.empty(), Map.of("GNS_IMAGE_DECODER", "native")).imageDecoder())
        .isEqualTo("native");
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("image.decoder", "turbo")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("image.decoder")
        .hasMessageContaining("turbo")
        .hasMessageContaining("[auto, native, imageio]");
  }

  @Test
  void shouldTakeIntraOpSpinningAndNameABadValue() {
    assertThat(GnsConfig.fromMap(Map.of("intra.op.spinning", "true")).intraOpSpinning()).isTrue();
    assertThat(
            GnsConfig.load(Optional.empty(), Map.of("GNS_INTRA_OP_SPINNING", "true"))
                .intraOpSpinning())
        .isTrue();
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("intra.op.spinning", "sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("intra.op.spinning")
        .hasMessageContaining("sometimes");
  }

  @Test
  void shouldRefuseAnUnknownProcessingGuarantee() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("processing.guarantee", "exactly_once")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("exactly_once_v2 (default) or at_least_once");
  }

  @Test
  void shouldRefuseAProcessingHandlerThatWouldSkipFatalFailures() {
    String handler = "org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler";

    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("processing.exception.handler", handler)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("processing.exception.handler")
        .hasMessageContaining("Remove the key");
  }

  @Test
  void shouldAcceptAtLeastOnce() {
    GnsConfig config = GnsConfig.fromMap(Map.of("processing.guarantee", "at_least_once"));

    assertThat(config.exactlyOnce()).isFalse();
  }

  @Test
  void shouldCommitOnceASecondAndAskForACommitAfterResultsUnderExactlyOnce() {
    GnsConfig config = GnsConfig.fromMap(Map.of("bootstrap.servers", "b:9092"));

    assertThat(config.streamsProperties()).containsEntry("commit.interval.ms", "1000");
    assertThat(config.resultCommitInterval()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void shouldKeepKafkaStreamsCommitDefaultAndRequestNoCommitsUnderAtLeastOnce() {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.of(
                "bootstrap.servers",
                "b:9092",
                "processing.guarantee",
                "at_least_once",
                "result.commit.interval.ms",
                "50"));

    assertThat(config.streamsProperties()).doesNotContainKey("commit.interval.ms");
    assertThat(config.resultCommitInterval()).isEqualTo(Duration.ZERO);
  }

  @Test
  void shouldKeepTheConfiguredCommitIntervalsAndRefuseANegativeResultInterval() {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.of(
                "bootstrap.servers",
                "b:9092",
                "commit.interval.ms",
                "250",
                "result.commit.interval.ms",
                "0"));

    assertThat(config.streamsProperties()).containsEntry("commit.interval.ms", "250");
    assertThat(config.resultCommitInterval()).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("result.commit.interval.ms", "-1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Invalid value -1 for configuration result.commit.interval.ms")
        .hasMessageContaining("[0,...,60000]");
  }

  @Test
  void shouldRequireBootstrapServersOnlyToRun() {
    GnsConfig config = GnsConfig.fromMap(Map.of());

    assertThatThrownBy(config::streamsProperties)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldListEveryProblemOfAConfigurationAtOnce() {
    assertThatThrownBy(
            () ->
                GnsConfig.load(
                    Optional.empty(),
                    Map.of(
                        "GNS_BATCH_MAX_SIZE", "-1",
                        "GNS_TOP_KK", "3",
                        "GNS_ROUTE_CATS_MATCH", "tabby",
                        "KAFKA_PROCESSING_GUARANTEE", "exactly_once")))
        .isInstanceOfSatisfying(
            InvalidConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .hasSize(4)
                    .anySatisfy(p -> assertThat(p).contains("batch.max.size").contains("-1"))
                    .anySatisfy(p -> assertThat(p).contains("GNS_TOP_KK").contains("GNS_TOP_K"))
                    .anySatisfy(p -> assertThat(p).contains("route.cats.topic is required"))
                    .anySatisfy(p -> assertThat(p).contains("exactly_once_v2")))
        .hasMessageStartingWith("4 problems:");
  }

  @Test
  void shouldRefuseAMalformedSha256() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("model.sha256", "abc")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("model.sha256")
        .hasMessageContaining("64 hex digits");
  }

  @Test
  void shouldResolveFileAndEnvReferences() throws Exception {
    Path secret = dir.resolve("jaas");
    Files.writeString(secret, "org.apache.kafka.common.security.plain.PlainLoginModule;\n");
    Path file = dir.resolve("gns.properties");
    Files.writeString(
        file, "sasl.jaas.config=${file:" + secret + "}\nbootstrap.servers=${env:BROKERS}\n");

    GnsConfig config = GnsConfig.load(Optional.of(file), Map.of("BROKERS", "k:9093"));

    assertThat(config.streamsProperties())
        .containsEntry(
            "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule;")
        .containsEntry("bootstrap.servers", "k:9093");
  }

  @Test
  void shouldNameAMissingReferencedVariable() {
    assertThatThrownBy(() -> GnsConfig.fromMap(Map.of("sasl.jaas.config", "${env:NOPE}")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sasl.jaas.config")
        .hasMessageContaining("NOPE is not set");
  }

  @Test
  void shouldMaskSecretsInTheRedactedView() {
    GnsConfig config =
        GnsConfig.fromMap(
            Map.of(
                "sasl.jaas.config", "user=x password=y",
                "ssl.key.password", "p",
                "ssl.keystore.key", "k",
                "default.key.serde", "org.apache.kafka.common.serialization.Serdes$ByteArraySerde",
                "bootstrap.servers", "b:9092"));

    assertThat(config.redacted())
        .containsEntry("sasl.jaas.config", "[hidden]")
        .containsEntry("ssl.key.password", "[hidden]")
        .containsEntry("ssl.keystore.key", "[hidden]")
        .containsEntry("bootstrap.servers", "b:9092")
        .containsEntry("batch.max.size", "8")
        .containsKey("default.key.serde");
    assertThat(config.toString()).doesNotContain("password=y");
  }

  @Test
  void shouldReportAMissingFileByPath() {
    Path missing = dir.resolve("nope.properties");

    assertThatThrownBy(() -> GnsConfig.load(Optional.of(missing), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void shouldApplyOverridesAndValidateThemAgain() {
    GnsConfig config = GnsConfig.fromMap(Map.of("batch.max.size", "4"));

    assertThat(config.with(Map.of("bootstrap.servers", "x:1")).streamsProperties())
        .containsEntry("bootstrap.servers", "x:1");
    assertThat(config.with(Map.of("top.k", "3")).batchMaxSize()).isEqualTo(4);
    assertThatThrownBy(() -> config.with(Map.of("top.k", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("top.k");
  }

  @Test
  void shouldDocumentEveryKeyWithItsEnvironmentVariable() {
    assertThat(GnsKeys.docs())
        .extracting(KeyDoc::key)
        .contains(
            "batch.max.size", "route.<name>.match", "cuda.option.<option>", "bootstrap.servers");
    assertThat(GnsKeys.docs()).allSatisfy(row -> assertThat(row.doc()).isNotBlank());
    assertThat(GnsKeys.markdownTable())
        .contains("| `batch.max.size` | `GNS_BATCH_MAX_SIZE` | `8` |");
  }

  @Test
  void shouldHaveTheConfigurationDocShowTheGeneratedTable() throws Exception {
    String doc = Files.readString(Path.of("docs", "configuration.md"));

    assertThat(doc)
        .as(
            "docs/configuration.md's key table; regenerate it with"
                + " 'googlenet-streams config keys' (GnsKeys.markdownTable())")
        .contains(GnsKeys.markdownTable());
  }
}
