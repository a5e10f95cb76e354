package googlenet.streams.cli;

import googlenet.streams.model.InceptionModule;
import googlenet.streams.model.InceptionReport;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a model's Inception modules as a table in the layout of Szegedy et al. 2014, Table 1, with
 * what the 1x1 reductions save. Parameters in thousands (K = 1,000), multiply-adds in millions (M =
 * 1,000,000); {@code model info --json} has the exact counts.
 */
final class InceptionTable {
  private static final String ROW =
      "%-7s %-11s %5s %7s %5s %7s %5s %5s %9s %9s %9s %9s %14s %14s%n";

  private InceptionTable() {}

  static void print(InceptionReport report, PrintWriter out) {
    if (report.modules().isEmpty()) {
      out.println("inception   none found (no Concat of 1x1, 1x1>3x3, 1x1>5x5, pool>1x1 branches)");
      return;
    }
    out.printf(
        "inception   %d modules; params in K, mult-adds per image in M; 'direct' = the same"
            + " module without the 1x1 reductions%n",
        report.modules().size());
    out.printf(
        ROW,
        "module",
        "output",
        "#1x1",
        "#3x3red",
        "#3x3",
        "#5x5red",
        "#5x5",
        "pool",
        "params",
        "mult-adds",
        "direct",
        "direct",
        "saved params",
        "saved m-adds");
    out.printf(ROW, "", "", "", "", "", "", "", "proj", "", "", "params", "m-adds", "", "");
    for (InceptionModule m : report.modules()) {
      out.printf(
          ROW,
          m.name(),
          size(m),
          m.c1(),
          m.r3(),
          m.c3(),
          m.r5(),
          m.c5(),
          m.poolProj(),
          kilo(m.parameters()),
          mega(m.multAdds()),
          kilo(m.directParameters()),
          mega(m.directMultAdds()),
          saved(kilo(m.savedParameters()), m.savedParameters(), m.directParameters()),
          saved(mega(m.savedMultAdds()), m.savedMultAdds(), m.directMultAdds()));
    }
    out.printf(
        ROW,
        "modules",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        kilo(report.moduleParameters()),
        mega(report.moduleMultAdds()),
        kilo(report.moduleParameters() + report.savedParameters()),
        report.moduleMultAdds() < 0 ? "?" : mega(report.moduleMultAdds() + report.savedMultAdds()),
        saved(
            kilo(report.savedParameters()),
            report.savedParameters(),
            report.moduleParameters() + report.savedParameters()),
        saved(
            mega(report.savedMultAdds()),
            report.savedMultAdds(),
            report.moduleMultAdds() + report.savedMultAdds()));
    out.printf(
        "network     %,d parameters and %s multiply-adds per image in its Conv and Gemm layers%n",
        report.networkParameters(),
        report.networkMultAdds() < 0
            ? "?"
            : String.format(Locale.ROOT, "%,d", report.networkMultAdds()));
  }

  private static String size(InceptionModule m) {
    return (m.height() < 0 ? "?" : m.height() + "x" + m.width()) + "x" + m.outChannels();
  }

  private static String kilo(long value) {
    return String.format(Locale.ROOT, "%.1fK", value / 1e3);
  }

  private static String mega(long value) {
    return value < 0 ? "?" : String.format(Locale.ROOT, "%.1fM", value / 1e6);
  }

  private static String saved(String amount, long saved, long direct) {
    return saved < 0 || direct <= 0
        ? "?"
        : String.format(Locale.ROOT, "%s %2.0f%%", amount, 100.0 * saved / direct);
  }
}
