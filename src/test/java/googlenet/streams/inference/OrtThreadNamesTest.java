package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class OrtThreadNamesTest {
  /** Thread ids of the live threads of this process whose Linux name is {@code name}. */
  private static Set<String> threadsNamed(String name) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks
          .filter(t -> name.equals(comm(t)))
          .map(t -> t.getFileName().toString())
          .collect(Collectors.toSet());
    }
  }

  /**
   * The threads named {@code name} that are not in {@code others}, once {@code done} holds for
   * them, or after 10 s. Counting only threads this test started keeps it apart from threads of the
   * same name that another test's engine leaves ending in the background.
   */
  private static Set<String> settle(String name, Set<String> others, Predicate<Set<String>> done)
      throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    Set<String> ours = without(threadsNamed(name), others);
    while (!done.test(ours) && System.nanoTime() < deadline) {
      Thread.sleep(10);
      ours = without(threadsNamed(name), others);
    }
    return ours;
  }

  private static Set<String> without(Set<String> all, Set<String> others) {
    Set<String> rest = new HashSet<>(all);
    rest.removeAll(others);
    return rest;
  }

  private static String comm(Path task) {
    try {
      return Files.readString(task.resolve("comm")).strip();
    } catch (IOException e) {
      return ""; // the thread ended
    }
  }

  @Test
  void shouldNameOnnxRuntimesIntraOpThreadsAndStopThemOnClose() throws Exception {
    String name = OnnxInferenceEngine.ORT_THREAD_NAME;
    Set<String> before = threadsNamed(name);
    Set<String> intraOp;

    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(TestEngineConfigs.cpu(3, false))) {
      // Three intra-op threads: the calling thread and two of ONNX Runtime's own. The thread that
      // created the session has the same name and may linger in /proc a moment after its end.
      intraOp = settle(name, before, ours -> ours.size() == 2);
      assertThat(intraOp).hasSize(2);
      assertThat(engine.run(EngineInputs.images(2, 7), 2).probabilities()).hasNumberOfRows(2);
    }
    Set<String> stillNamed = settle(name, before, ours -> Collections.disjoint(ours, intraOp));
    assertThat(stillNamed)
        .as("intra-op threads alive after close")
        .doesNotContainAnyElementsOf(intraOp);
  }

  @Test
  void shouldOpenTheSessionAndKeepTheInterruptWhenTheCallerIsInterrupted() throws Exception {
    OrtEnvironment env = OrtRuntime.environment();
    Thread.currentThread().interrupt();
    // Returning before the session exists would leave it open for no one to close.
    SessionFactory.Opened opened = SessionFactory.open(env, TestEngineConfigs.cpu(1, false));
    try (OrtSession session = opened.session()) {
      assertThat(Thread.interrupted()).isTrue();
      assertThat(session.getInputNames()).hasSize(1);
      assertThat(opened.provider()).isEqualTo("CPU");
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void shouldFailWithTheSameReasonWhenTheModelCannotBeLoaded() throws Exception {
    Path notAModel = Files.createTempFile("gns-not-a-model", ".onnx");
    try {
      Files.writeString(notAModel, "not an ONNX model");
      assertThatThrownBy(() -> OnnxInferenceEngine.open(EngineConfig.cpu(notAModel)))
          .isInstanceOf(InferenceException.class)
          .hasMessageContaining("cannot load model " + notAModel)
          .hasMessageContaining("model info");
    } finally {
      Files.deleteIfExists(notAModel);
    }
  }
}
