package googlenet.streams.label;

/**
 * One labelled class of one image.
 *
 * @param index output index of the model
 * @param synset WordNet synset id such as {@code n02123045}, or null without a label file
 * @param label human-readable label, or {@code class N} without a label file
 * @param probability probability in [0, 1]
 */
public record Prediction(int index, String synset, String label, float probability) {}
