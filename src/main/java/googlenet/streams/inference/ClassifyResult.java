package googlenet.streams.inference;

import googlenet.streams.label.Prediction;
import java.util.List;

/** What became of one image handed to the {@link Classifier}: labels, or why it has none. */
public sealed interface ClassifyResult permits ClassifyResult.Labelled, ClassifyResult.Refused {

  /**
   * The image was labelled.
   *
   * @param top the most probable classes, most probable first
   * @param model the model that labelled it
   * @param provider the execution provider that ran it: {@code CPU} or {@code CUDA}
   * @param batchSize number of images in the run it was part of
   * @param inferenceNanos wall time of that run
   */
  record Labelled(
      List<Prediction> top, ModelInfo model, String provider, int batchSize, long inferenceNanos)
      implements ClassifyResult {
    /** Copies the predictions. */
    public Labelled {
      top = List.copyOf(top);
    }
  }

  /**
   * The image cannot be labelled; the engine still works.
   *
   * @param reason stable reason code: an image rejection's ({@code corrupt}, {@code too-large},
   *     ...) or {@link #INFERENCE_FAILED}
   * @param cause what went wrong; its message names the bad value
   */
  record Refused(String reason, Exception cause) implements ClassifyResult {
    /** Reason code of an image that failed inference when run alone. */
    public static final String INFERENCE_FAILED = "inference-failed";

    /** The cause's message, or its class name when it has none. */
    public String message() {
      return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
  }
}
