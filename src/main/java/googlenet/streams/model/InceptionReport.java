package googlenet.streams.model;

import java.util.List;

/**
 * The Inception modules of a model and the cost of the whole network.
 *
 * @param modules the modules in graph order; empty when the graph has none
 * @param networkParameters weights and biases of every Conv and Gemm of the graph
 * @param networkMultAdds multiply-adds per image of every Conv and Gemm, -1 when a spatial size is
 *     unknown
 */
public record InceptionReport(
    List<InceptionModule> modules, long networkParameters, long networkMultAdds) {

  /** Copies the module list. */
  public InceptionReport {
    modules = List.copyOf(modules);
  }

  /** Parameters of all modules. */
  public long moduleParameters() {
    return modules.stream().mapToLong(InceptionModule::parameters).sum();
  }

  /** Multiply-adds of all modules, -1 when one is unknown. */
  public long moduleMultAdds() {
    return sum(modules.stream().mapToLong(InceptionModule::multAdds).toArray());
  }

  /** Parameters the 1x1 reductions save in all modules. */
  public long savedParameters() {
    return modules.stream().mapToLong(InceptionModule::savedParameters).sum();
  }

  /** Multiply-adds the 1x1 reductions save in all modules, -1 when one is unknown. */
  public long savedMultAdds() {
    return sum(modules.stream().mapToLong(InceptionModule::savedMultAdds).toArray());
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long v : values) {
      if (v < 0) {
        return -1;
      }
      sum += v;
    }
    return sum;
  }
}
