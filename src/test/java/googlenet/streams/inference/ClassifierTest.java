package googlenet.streams.inference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ClassifyResult.Refused;
import googlenet.streams.label.Labels;
import googlenet.streams.testing.ForwardingEngine;
import googlenet.streams.testing.TestEngines;
import googlenet.streams.testing.TestModels;
import googlenet.streams.tools.fixtures.SampleImages;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The classifier's decode pool and scheduler on the real engine and the small synthetic model. */
class ClassifierTest {
  private static final Duration LONG = Duration.ofSeconds(60);
  private static final long WAIT_SECONDS = 60;
  private static OnnxInferenceEngine engine;

  @BeforeAll
  static void openEngine() throws Exception {
    engine = TestEngines.small();
  }

  @AfterAll
  static void closeEngine() {
    engine.close();
  }

  private static byte[] image(int seed) {
    return SampleImages.jpeg(64 + seed, 48, seed);
  }

  private static Classifier classifier(InferenceEngine on, int batch, Duration delay, int runs) {
    return Classifier.start(
        on,
        TestEngines.preprocessor(),
        Labels.imagenet(),
        new ClassifierSettings(5, batch, delay, 2, runs),
        SchedulerMetrics.NONE);
  }

  private static ClassifyResult await(CompletableFuture<ClassifyResult> f) throws Exception {
    return f.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void shouldRunAFullBatchWithoutWaitingForTheDelay() throws Exception {
    try (Classifier c = classifier(engine, 4, LONG, 1)) {
      List<CompletableFuture<ClassifyResult>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(c.submit(image(i)));
      }

      for (CompletableFuture<ClassifyResult> f : results) {
        assertThat(await(f)).isInstanceOf(Labelled.class);
        assertThat(((Labelled) await(f)).batchSize()).isEqualTo(4);
      }
    }
  }

  @Test
  void shouldHoldAPartialBatchUntilItFillsWhileTheDelayLasts() throws Exception {
    try (Classifier c = classifier(engine, 4, LONG, 1)) {
      List<CompletableFuture<ClassifyResult>> results = new ArrayList<>();
      results.add(c.submit(image(1)));
      results.add(c.submit(image(2)));

      Thread.sleep(300);
      assertThat(results).noneMatch(CompletableFuture::isDone);

      results.add(c.submit(image(3)));
      results.add(c.submit(image(4)));
      for (CompletableFuture<ClassifyResult> f : results) {
        assertThat(((Labelled) await(f)).batchSize()).isEqualTo(4);
      }
    }
  }

  @Test
  void shouldRunAPartialBatchOnceItsOldestImageHasWaitedTheDelay() throws Exception {
    try (Classifier c = classifier(engine, 8, Duration.ofMillis(20), 1)) {
      ClassifyResult result = await(c.submit(image(1)));

      assertThat(((Labelled) result).batchSize()).isEqualTo(1);
    }
  }

  @Test
  void shouldRunTheImagesSubmittedBeforeAFlushWithoutWaitingForTheDelay() throws Exception {
    try (Classifier c = classifier(engine, 8, Duration.ofMinutes(10), 1)) {
      List<CompletableFuture<ClassifyResult>> before = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        before.add(c.submit(image(i)));
      }

      c.flush();

      for (CompletableFuture<ClassifyResult> f : before) {
        assertThat(((Labelled) await(f)).batchSize()).isBetween(1, 3);
      }
      CompletableFuture<ClassifyResult> after = c.submit(image(4));
      Thread.sleep(300);
      assertThat(after).as("submitted after the flush: batches as usual").isNotDone();
    }
  }

  @Test
  void shouldFillOneBatchFromSeveralCallers() throws Exception {
    try (Classifier c = classifier(engine, 8, LONG, 1)) {
      List<CompletableFuture<ClassifyResult>> results = new CopyOnWriteArrayList<>();
      List<Thread> callers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        int first = t * 4;
        Thread caller =
            new Thread(
                () -> {
                  for (int i = first; i < first + 4; i++) {
                    results.add(c.submit(image(i)));
                  }
                });
        caller.start();
        callers.add(caller);
      }
      for (Thread caller : callers) {
        caller.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
      }

      assertThat(results).hasSize(8);
      for (CompletableFuture<ClassifyResult> f : results) {
        assertThat(((Labelled) await(f)).batchSize()).isEqualTo(8);
      }
    }
  }

  @Test
  void shouldLabelEachImageWithTheProbabilitiesOfItsOwnRun() throws Exception {
    try (Classifier c = classifier(engine, 3, LONG, 1)) {
      List<CompletableFuture<ClassifyResult>> results = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        results.add(c.submit(image(i)));
      }

      for (int i = 1; i <= 3; i++) {
        Labelled labelled = (Labelled) await(results.get(i - 1));
        float[] alone = TestEngines.probabilities(engine, image(i));
        int top = labelled.top().get(0).index();
        assertThat(labelled.top()).hasSize(5);
        assertThat(labelled.top().get(0).probability()).isCloseTo(alone[top], within(1e-4f));
        assertThat(labelled.top().get(0).label())
            .isEqualTo(Labels.imagenet().predict(top, 0).label());
        assertThat(labelled.model()).isEqualTo(engine.model());
        assertThat(labelled.provider()).isEqualTo("CPU");
      }
    }
  }

  @Test
  void shouldRefuseABrokenImageWithItsReasonAndGoOn() throws Exception {
    try (Classifier c = classifier(engine, 2, Duration.ZERO, 1)) {
      ClassifyResult broken = await(c.submit(new byte[0]));
      ClassifyResult good = await(c.submit(image(1)));

      assertThat(broken).isInstanceOf(Refused.class);
      assertThat(((Refused) broken).reason()).isEqualTo("empty");
      assertThat(good).isInstanceOf(Labelled.class);
    }
  }

  @Test
  void shouldRunAFailedBatchAgainImageByImageAndRefuseOnlyTheImageThatFailsAlone()
      throws Exception {
    byte[] marked = image(9);
    InferenceEngine failing = TestEngines.failingOn(engine, marked, false);
    try (Classifier c = classifier(failing, 3, LONG, 1)) {
      CompletableFuture<ClassifyResult> a = c.submit(image(1));
      CompletableFuture<ClassifyResult> bad = c.submit(marked);
      CompletableFuture<ClassifyResult> b = c.submit(image(2));

      assertThat(((Labelled) await(a)).batchSize()).isEqualTo(1);
      assertThat(((Labelled) await(b)).batchSize()).isEqualTo(1);
      Refused refused = (Refused) await(bad);
      assertThat(refused.reason()).isEqualTo(Refused.INFERENCE_FAILED);
      assertThat(refused.message()).contains("injected failure");
    }
  }

  @Test
  void shouldFailEveryImageOnceTheEngineFailedFatally() throws Exception {
    byte[] marked = image(9);
    InferenceEngine failing = TestEngines.failingOn(engine, marked, true);
    try (Classifier c = classifier(failing, 1, Duration.ZERO, 1)) {
      CompletableFuture<ClassifyResult> bad = c.submit(marked);

      assertThatThrownBy(() -> await(bad))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(InferenceException.class)
          .hasMessageContaining("injected failure");
      assertThat(((InferenceException) bad.handle((r, e) -> e).join()).fatal()).isTrue();
      assertThatThrownBy(() -> await(c.submit(image(1))))
          .cause()
          .isInstanceOf(InferenceException.class);
    }
  }

  @Test
  void shouldNotRunAnImageWhoseCallerGaveItUp() throws Exception {
    CountingEngine counting = new CountingEngine(engine);
    try (Classifier c = classifier(counting, 2, LONG, 1)) {
      CompletableFuture<ClassifyResult> given = c.submit(image(1));
      given.cancel(false);
      CompletableFuture<ClassifyResult> b = c.submit(image(2));
      CompletableFuture<ClassifyResult> d = c.submit(image(3));

      assertThat(((Labelled) await(b)).batchSize()).isEqualTo(2);
      assertThat(((Labelled) await(d)).batchSize()).isEqualTo(2);
      assertThat(counting.images.get()).isEqualTo(2);
    }
  }

  @Test
  void shouldNeverRunMoreBatchesAtOnceThanConfigured() throws Exception {
    CountingEngine counting = new CountingEngine(engine);
    try (Classifier c = classifier(counting, 1, Duration.ZERO, 2)) {
      List<CompletableFuture<ClassifyResult>> results = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        results.add(c.submit(image(i % 4)));
      }
      for (CompletableFuture<ClassifyResult> f : results) {
        assertThat(await(f)).isInstanceOf(Labelled.class);
      }

      assertThat(counting.images.get()).isEqualTo(12);
      assertThat(counting.maxConcurrent.get()).isBetween(1, 2);
    }
  }

  @Test
  void shouldFailQueuedImagesWhenClosed() throws Exception {
    CompletableFuture<ClassifyResult> queued;
    try (Classifier c = classifier(engine, 4, LONG, 1)) {
      queued = c.submit(image(1));
    }

    assertThatThrownBy(() -> await(queued))
        .cause()
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void shouldRunBatchesFormedAfterASwapOnTheNewEngineAndNoImageTwice() throws Exception {
    CountingEngine old = new CountingEngine(engine);
    try (OnnxInferenceEngine other =
            OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small(7)));
        Classifier c = classifier(old, 2, LONG, 1)) {
      CountingEngine next = new CountingEngine(other);
      CompletableFuture<ClassifyResult> a = c.submit(image(1));
      CompletableFuture<ClassifyResult> b = c.submit(image(2));
      Labelled before = (Labelled) await(a);

      InferenceEngine replaced = c.swap(next);
      CompletableFuture<ClassifyResult> d = c.submit(image(3));
      CompletableFuture<ClassifyResult> e = c.submit(image(4));

      assertThat(replaced).isSameAs(old);
      assertThat(c.engine()).isSameAs(next);
      assertThat(before.model()).isEqualTo(engine.model());
      assertThat(((Labelled) await(b)).model()).isEqualTo(engine.model());
      assertThat(((Labelled) await(d)).model()).isEqualTo(other.model());
      assertThat(((Labelled) await(e)).model()).isEqualTo(other.model());
      assertThat(other.model().sha256()).isNotEqualTo(engine.model().sha256());
      assertThat(old.images.get() + next.images.get()).isEqualTo(4);
    }
  }

  @Test
  void shouldRunEveryImageSubmittedBeforeASwapOnTheOldEngineHoweverLongItsDecodeTakes()
      throws Exception {
    byte[] slow = SampleImages.jpeg(2400, 1800, 5); // decodes far longer than the small one
    try (OnnxInferenceEngine other =
            OnnxInferenceEngine.open(EngineConfig.cpu(TestModels.small(7)));
        Classifier c = classifier(engine, 1, Duration.ZERO, 1)) {
      CompletableFuture<ClassifyResult> first = c.submit(slow);
      CompletableFuture<ClassifyResult> second = c.submit(image(2));

      c.swap(other); // returns once both ran, whichever decode thread finished first
      CompletableFuture<ClassifyResult> third = c.submit(image(3));

      assertThat(first).isDone();
      assertThat(second).isDone();
      assertThat(((Labelled) await(first)).model()).isEqualTo(engine.model());
      assertThat(((Labelled) await(second)).model()).isEqualTo(engine.model());
      assertThat(((Labelled) await(third)).model()).isEqualTo(other.model());
    }
  }

  @Test
  void shouldRefuseASwapToAModelWithAnotherNumberOfClasses(@TempDir Path dir) throws Exception {
    Path threeClasses = TinyModels.pooling(dir.resolve("three.onnx"), 3, 224);
    try (OnnxInferenceEngine other = OnnxInferenceEngine.open(EngineConfig.cpu(threeClasses));
        Classifier c = classifier(engine, 1, Duration.ZERO, 1)) {
      assertThatThrownBy(() -> c.swap(other))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("labels name 1000 classes")
          .hasMessageContaining("has 3 classes");
      assertThat(c.engine()).isSameAs(engine);
      assertThat(await(c.submit(image(1)))).isInstanceOf(Labelled.class);
    }
  }

  @Test
  void shouldRefuseLabelsThatDoNotFitTheModel() {
    assertThatThrownBy(
            () ->
                Classifier.start(
                    engine,
                    TestEngines.preprocessor(),
                    Labels.indexOnly(10),
                    new ClassifierSettings(5, 1, Duration.ZERO, 1, 1),
                    SchedulerMetrics.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("labels name 10 classes")
        .hasMessageContaining("has 1000 classes");
  }

  /** The real engine, counting the images it runs and the runs in flight at once. */
  private static final class CountingEngine extends ForwardingEngine {
    final AtomicInteger images = new AtomicInteger();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger maxConcurrent = new AtomicInteger();

    CountingEngine(InferenceEngine real) {
      super(real);
    }

    @Override
    public BatchResult run(FloatBuffer input, int batchSize) throws InferenceException {
      maxConcurrent.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        images.addAndGet(batchSize);
        return super.run(input, batchSize);
      } finally {
        running.decrementAndGet();
      }
    }
  }
}
