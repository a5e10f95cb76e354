package googlenet.streams.topology;

import googlenet.streams.avro.ImageRecord;
import googlenet.streams.inference.ClassifyResult;
import googlenet.streams.inference.ClassifyResult.Labelled;
import googlenet.streams.inference.ShadowTicket;
import java.util.concurrent.CompletableFuture;

/**
 * One record's run through the shadow candidate: writes the candidate's labels and, once the live
 * result is known too, reports whether the two models agree on the top-1 class and how far apart
 * their top-1 probabilities are.
 */
final class ShadowRun implements ShadowTicket {
  private final PendingRecord pending;
  private final ImageRecord image;
  private final ShadowOutput output;
  private final TopologyMetrics metrics;
  private volatile CompletableFuture<ClassifyResult> live;

  ShadowRun(
      PendingRecord pending, ImageRecord image, ShadowOutput output, TopologyMetrics metrics) {
    this.pending = pending;
    this.image = image;
    this.output = output;
    this.metrics = metrics;
  }

  /** The live result the candidate's is compared with. */
  void live(CompletableFuture<ClassifyResult> result) {
    this.live = result;
  }

  @Override
  public void completed(Labelled candidate) {
    output.send(pending, image, candidate);
    CompletableFuture<ClassifyResult> result = live;
    if (result != null) {
      result.thenAccept(r -> compare(r, candidate));
    }
  }

  private void compare(ClassifyResult result, Labelled candidate) {
    if (result instanceof Labelled labelled) {
      var a = labelled.top().get(0);
      var b = candidate.top().get(0);
      metrics.shadowCompared(a.index() == b.index(), Math.abs(a.probability() - b.probability()));
    }
  }

  @Override
  public void skipped(String reason) {
    metrics.shadowSkipped(reason);
  }
}
