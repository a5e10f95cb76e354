package googlenet.streams.model;

/**
 * One Inception (v1) module found in a model's graph: four branches concatenated on channels, as in
 * Szegedy et al. 2014, "Going deeper with convolutions", Table 1.
 *
 * <p>Parameters count every weight and bias of the module's six convolutions; multiply-adds are
 * weights times output positions (biases and ReLUs not counted). The "direct" figures are those of
 * the same module without the two 1x1 reductions, the 3x3 and 5x5 convolutions running directly on
 * the module's input (the paper's naive module with projected pooling): what the reductions save.
 *
 * @param name {@code 3a} ... {@code 5b}: the stage (log2 of how much smaller than the image the
 *     module's maps are) and the module's position in it; {@code ?1}, {@code ?2}, ... when the
 *     spatial size is unknown
 * @param concat name of the Concat node (or its output when the node has no name)
 * @param inChannels channels of the module's input
 * @param height height of the module's output maps, -1 when unknown
 * @param width width of the module's output maps, -1 when unknown
 * @param c1 #1x1: channels of the 1x1 branch
 * @param r3 #3x3 reduce: channels of the 1x1 reduction before the 3x3 convolution
 * @param c3 #3x3
 * @param r5 #5x5 reduce
 * @param c5 #5x5
 * @param poolProj pool proj: channels of the 1x1 projection after the max-pooling
 * @param parameters weights and biases of the six convolutions
 * @param multAdds multiply-adds per image, -1 when the spatial size is unknown
 * @param directParameters parameters of the module without the 1x1 reductions
 * @param directMultAdds multiply-adds of the module without the 1x1 reductions, -1 when unknown
 */
public record InceptionModule(
    String name,
    String concat,
    long inChannels,
    long height,
    long width,
    long c1,
    long r3,
    long c3,
    long r5,
    long c5,
    long poolProj,
    long parameters,
    long multAdds,
    long directParameters,
    long directMultAdds) {

  /** Output channels: #1x1 + #3x3 + #5x5 + pool proj. */
  public long outChannels() {
    return c1 + c3 + c5 + poolProj;
  }

  /** Parameters the 1x1 reductions save against the direct module. */
  public long savedParameters() {
    return directParameters - parameters;
  }

  /** Multiply-adds the 1x1 reductions save against the direct module, -1 when unknown. */
  public long savedMultAdds() {
    return multAdds < 0 ? -1 : directMultAdds - multAdds;
  }
}
