package googlenet.streams.tools.demo;

import googlenet.streams.avro.Classification;
import googlenet.streams.avro.Prediction;
import googlenet.streams.topology.DeadLetterHeaders;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Prints the demo's classifications, dead letters and summary as aligned text. */
final class DemoReport {
  private final PrintWriter out;

  DemoReport(PrintWriter out) {
    this.out = out;
  }

  void results(List<PipelineOutputs.Result> results) {
    out.printf(Locale.ROOT, "%nClassifications (%d):%n", results.size());
    out.printf(
        Locale.ROOT,
        "  %-22s %-34s %7s  %-8s %5s%n",
        "IMAGE ID",
        "TOP-1 LABEL",
        "PROB",
        "PROVIDER",
        "BATCH");
    results.stream()
        .sorted(Comparator.comparing(PipelineOutputs.Result::key))
        .forEach(r -> result(r.value()));
  }

  private void result(Classification c) {
    Prediction top = c.getPredictions().isEmpty() ? null : c.getPredictions().get(0);
    out.printf(
        Locale.ROOT,
        "  %-22s %-34s %7.4f  %-8s %5d%n",
        c.getImageId(),
        top == null ? "-" : abbreviate(top.getLabel(), 34),
        top == null ? 0f : top.getProbability(),
        c.getExecutionProvider(),
        c.getBatchSize());
  }

  void deadLetters(List<PipelineOutputs.DeadLetter> letters) {
    out.printf(Locale.ROOT, "%nDead letters (%d):%n", letters.size());
    out.printf(Locale.ROOT, "  %-28s %-20s %s%n", "KEY", "REASON", "MESSAGE");
    letters.stream()
        .sorted(Comparator.comparing(l -> String.valueOf(l.key())))
        .forEach(
            l ->
                out.printf(
                    Locale.ROOT,
                    "  %-28s %-20s %s%n",
                    l.key(),
                    l.errors().getOrDefault(DeadLetterHeaders.REASON, "?"),
                    abbreviate(l.errors().getOrDefault(DeadLetterHeaders.MESSAGE, ""), 100)));
  }

  void summary(int published, PipelineOutputs outputs, double seconds) {
    out.printf(
        Locale.ROOT,
        "%nSummary: %d published, %d classified, %d dead-lettered, %d unaccounted for,"
            + " %d duplicated; pipeline took %.1f s.%n",
        published,
        outputs.results().size(),
        outputs.deadLetters().size(),
        outputs.missing().size(),
        outputs.duplicated().size(),
        seconds);
    if (!outputs.missing().isEmpty()) {
      out.println("Unaccounted for: " + outputs.missing().stream().sorted().toList());
    }
  }

  void syntheticNotice() {
    out.println();
    out.println(
        "NOTE: the synthetic model has deterministic random weights, so its labels are"
            + " meaningless;");
    out.println("it shows the pipeline working, not GoogLeNet's accuracy. For real labels:");
    out.println("  java -jar googlenet-streams.jar model fetch --dir models");
    out.println(
        "  java -jar googlenet-streams.jar demo --model models/googlenet-12-batchable.onnx"
            + "   (labels: models/synset.txt)");
  }

  private static String abbreviate(String s, int max) {
    String oneLine = s.replace('\n', ' ');
    return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
  }
}
