package googlenet.streams.service;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.SchedulerMetrics;
import googlenet.streams.model.Checksums;
import googlenet.streams.ops.ServiceOps;
import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model watcher against real model files and a real classifier. */
class ModelWatcherTest {
  @TempDir Path dir;
  private Path file;
  private GnsConfig config;
  private ServiceOps ops;
  private Pipeline pipeline;
  private ModelWatcher watcher;

  @BeforeEach
  void open() throws Exception {
    file = Files.copy(TestModels.small(), dir.resolve("model.onnx"));
    config =
        GnsConfig.fromMap(
            Map.of(
                "model.path",
                file.toString(),
                "metrics.enabled",
                "false",
                "model.warmup",
                "false"));
    ops = ServiceOps.create(config);
    pipeline = Pipeline.open(config, SchedulerMetrics.NONE);
    ops.engineOpened(pipeline.engine());
    watcher = ModelWatcher.start(config, file, Duration.ofHours(1), pipeline.classifier(), ops);
  }

  @AfterEach
  void close() {
    watcher.close();
    pipeline.close();
    ops.close();
  }

  /** Replaces the model file atomically, as the documentation asks. */
  private void replaceWith(Path source) throws Exception {
    Path staged =
        Files.copy(source, dir.resolve("staged.onnx"), StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(
        staged, FileTime.from(Files.getLastModifiedTime(file).toInstant().plusSeconds(5)));
    Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void shouldSwitchToANewModelOnceTheFileHasStoppedChanging() throws Exception {
    InferenceEngine first = pipeline.engine();
    replaceWith(TestModels.small(7));

    watcher.check();
    assertThat(pipeline.engine()).as("still changing on the first look").isSameAs(first);
    watcher.check();

    assertThat(pipeline.engine().model().sha256()).isEqualTo(Checksums.sha256(TestModels.small(7)));
    assertThat(ops.health().ready().notes()).isEmpty();
    assertThat(ops.scrape()).contains("gns_model_switches_total 1.0");
    assertThat(ops.scrape()).contains("sha256=\"" + Checksums.sha256(TestModels.small(7)) + "\"");
    assertThat(ops.scrape()).doesNotContain("sha256=\"" + first.model().sha256() + "\"");
  }

  @Test
  void shouldRefuseAFileThatIsNoModelKeepServingAndNotTryItAgain() throws Exception {
    InferenceEngine first = pipeline.engine();
    Path garbage = Files.writeString(dir.resolve("garbage.onnx"), "not a model");
    replaceWith(garbage);

    watcher.check();
    watcher.check();
    watcher.check();

    assertThat(pipeline.engine()).isSameAs(first);
    assertThat(ops.health().ready().notes())
        .singleElement()
        .asString()
        .startsWith("model update refused: " + file)
        .contains("cannot load it");
    assertThat(ops.scrape()).contains("gns_model_refusals_total 1.0");

    replaceWith(TestModels.small(7));
    watcher.check();
    watcher.check();
    assertThat(pipeline.engine()).isNotSameAs(first);
    assertThat(ops.health().ready().notes()).isEmpty();
  }
}
