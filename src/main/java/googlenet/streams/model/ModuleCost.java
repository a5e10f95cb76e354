package googlenet.streams.model;

import googlenet.streams.model.InceptionModules.Branch;
import googlenet.streams.model.InceptionModules.Layer;
import java.util.stream.Stream;

/**
 * The cost of one Inception module from its four branches, and of the same module without the 1x1
 * reductions: the 3x3 and 5x5 convolutions (with their biases) directly on the module's input.
 */
record ModuleCost(Branch plain, Branch three, Branch five, Branch pooled) {

  /** The module, its output maps {@code height} x {@code width} (-1 when unknown). */
  InceptionModule module(String name, String concat, long height, long width) {
    Layer one = plain.main();
    Layer proj = pooled.main();
    long in = one.in();
    long positions = one.positions();
    long parameters = layers().mapToLong(Layer::parameters).sum();
    long directWeights =
        TensorShapes.product(one.weights())
            + TensorShapes.product(proj.weights())
            + direct(in, three.main())
            + direct(in, five.main());
    long directBiases = one.bias() + proj.bias() + three.main().bias() + five.main().bias();
    return new InceptionModule(
        name,
        concat,
        in,
        height,
        width,
        one.out(),
        three.reduce().out(),
        three.main().out(),
        five.reduce().out(),
        five.main().out(),
        proj.out(),
        parameters,
        positions < 0 ? -1 : layers().mapToLong(Layer::multAdds).sum(),
        directWeights + directBiases,
        positions < 0 ? -1 : directWeights * positions);
  }

  private Stream<Layer> layers() {
    return Stream.of(
        plain.main(), three.reduce(), three.main(), five.reduce(), five.main(), pooled.main());
  }

  /** Weights of {@code conv}'s kernel run directly on {@code in} channels. */
  private static long direct(long in, Layer conv) {
    return conv.out() * in * conv.kernel() * conv.kernel();
  }
}
