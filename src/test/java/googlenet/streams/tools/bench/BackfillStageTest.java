package googlenet.streams.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.backfill.Backfill;
import org.junit.jupiter.api.Test;

/** How many images the backfill figure is measured over. */
class BackfillStageTest {
  @Test
  void shouldBackfillEnoughImagesForFiveCommitsAtTheExpectedRate() {
    assertThat(Backfill.COMMIT_INTERVAL_MS).isEqualTo(1_000);
    // The quick run: 400 images at ~400 images/s would be one commit's worth.
    assertThat(BackfillStage.images(400, 400.0)).isEqualTo(2_000);
    assertThat(BackfillStage.images(400, 398.7)).isEqualTo(1_994);
  }

  @Test
  void shouldKeepTheInputsImagesWhenTheyAlreadyTakeFiveCommits() {
    assertThat(BackfillStage.images(600, 40.4)).isEqualTo(600); // the full run
    assertThat(BackfillStage.images(400, 0)).isEqualTo(400); // no rate known
  }
}
