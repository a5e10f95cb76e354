package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import googlenet.streams.config.GnsKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchSettingsTest {
  private static final BenchSettings QUICK = BenchSettings.quick("synthetic-small", Path.of("out"));

  private static BenchSettings withKeys(Map<String, String> keys) {
    return with(keys, QUICK.warmUpSeconds());
  }

  private static BenchSettings with(Map<String, String> keys, double warmUpSeconds) {
    return QUICK.with(
        new BenchSettings.Overrides(
            QUICK.images(),
            0,
            QUICK.streamThreads(),
            QUICK.stages(),
            QUICK.engineSeconds(),
            QUICK.latencySeconds(),
            warmUpSeconds,
            List.of(),
            keys));
  }

  @Test
  void shouldGiveEveryFigureTheSetKeysBesideItsOwn() {
    Map<String, String> keys =
        withKeys(Map.of("commit.interval.ms", "500", "producer.linger.ms", "5")).classifierKeys(32);

    assertThat(keys)
        .containsEntry("commit.interval.ms", "500")
        .containsEntry("producer.linger.ms", "5")
        .containsEntry(GnsKeys.BATCH_MAX_SIZE, "32")
        .containsEntry(GnsKeys.BATCH_MAX_DELAY_MS, "50")
        .containsEntry(GnsKeys.MODEL_PATH, "synthetic-small");
  }

  @Test
  void shouldRefuseKeysTheBenchSetsForEachFigure() {
    assertThatThrownBy(() -> withKeys(Map.of("processing.guarantee", "at_least_once")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--set processing.guarantee: the bench sets this key itself for each figure");
  }

  @Test
  void shouldRunTheSharedEngineWithoutSpinningUnlessSetAndRefuseABadValue() {
    assertThat(QUICK.intraOpSpinning()).isFalse();
    assertThat(withKeys(Map.of("intra.op.spinning", "true")).intraOpSpinning()).isTrue();
    assertThatThrownBy(() -> withKeys(Map.of("intra.op.spinning", "on")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--set intra.op.spinning=on: expected true or false");
  }

  @Test
  void shouldRunTheSharedEngineWithTheServicesBlockBaseUnlessSetAndRefuseABadValue() {
    assertThat(QUICK.dynamicBlockBase()).isEqualTo(4);
    assertThat(withKeys(Map.of("intra.op.dynamic.block.base", "0")).dynamicBlockBase()).isZero();
    for (String bad : List.of("-1", "65", "four")) {
      assertThatThrownBy(() -> withKeys(Map.of("intra.op.dynamic.block.base", bad)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "--set intra.op.dynamic.block.base="
                  + bad
                  + ": expected a whole number from 0 (off) to 64");
    }
  }

  @Test
  void shouldWarmUpForAMinuteQuickAndNinetySecondsFullAndRefuseABudgetOutOfRange() {
    assertThat(QUICK.warmUpSeconds()).isEqualTo(60);
    assertThat(BenchSettings.full("synthetic", Path.of("out")).warmUpSeconds()).isEqualTo(90);
    assertThat(with(Map.of(), 0).warmUpSeconds()).isZero();
    assertThatThrownBy(() -> with(Map.of(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--warm-up-seconds must be from 0 to 600, got -1");
    assertThatThrownBy(() -> with(Map.of(), 600.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--warm-up-seconds must be from 0 to 600, got 600.5");
  }
}
