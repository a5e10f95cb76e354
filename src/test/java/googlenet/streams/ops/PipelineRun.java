package googlenet.streams.ops;

import static org.awaitility.Awaitility.await;

import googlenet.streams.config.GnsConfig;
import googlenet.streams.inference.EngineConfig;
import googlenet.streams.inference.InferenceEngine;
import googlenet.streams.inference.OnnxInferenceEngine;
import googlenet.streams.topology.ClassificationTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/** The pipeline on a real broker, stopped by the first uncaught exception. */
final class PipelineRun implements AutoCloseable {
  private final InferenceEngine engine;
  private final KafkaStreams streams;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();

  private PipelineRun(GnsConfig config) throws Exception {
    engine = OnnxInferenceEngine.open(EngineConfig.cpu(Path.of(config.modelSpec())));
    streams =
        new KafkaStreams(ClassificationTopology.build(config, engine), config.streamsProperties());
    streams.setUncaughtExceptionHandler(
        e -> {
          failure.compareAndSet(null, e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
  }

  static PipelineRun start(GnsConfig config) throws Exception {
    PipelineRun run = new PipelineRun(config);
    run.streams.start();
    return run;
  }

  Optional<String> failure() {
    return Optional.ofNullable(failure.get()).map(PipelineRun::describe);
  }

  String awaitFailure(Duration atMost) {
    await().atMost(atMost).until(() -> failure.get() != null);
    return describe(failure.get());
  }

  private static String describe(Throwable t) {
    StringBuilder out = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      out.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" / ");
    }
    return out.toString();
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(30));
    engine.close();
  }
}
