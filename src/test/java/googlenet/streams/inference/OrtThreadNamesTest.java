package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class OrtThreadNamesTest {
  /** Live threads of this process whose Linux name is {@code name}. */
  private static long threadsNamed(String name) throws IOException {
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      return tasks.filter(t -> name.equals(comm(t))).count();
    }
  }

  /** The count of threads named {@code name} once it is {@code expected}, or after 10 s. */
  private static long settlesAt(String name, long expected) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    long count = threadsNamed(name);
    while (count != expected && System.nanoTime() < deadline) {
      Thread.sleep(10);
      count = threadsNamed(name);
    }
    return count;
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
    long before = threadsNamed(name);

    try (OnnxInferenceEngine engine = OnnxInferenceEngine.open(TestEngineConfigs.cpu(3, false))) {
      // Three intra-op threads: the calling thread and two of ONNX Runtime's own. The thread that
      // created the session has the same name and may linger in /proc a moment after its end.
      assertThat(settlesAt(name, before + 2)).isEqualTo(before + 2);
      assertThat(engine.run(EngineInputs.images(2, 7), 2).probabilities()).hasNumberOfRows(2);
    }
    assertThat(settlesAt(name, before)).isEqualTo(before);
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
