/**
 * ONNX model files: the synthetic GoogLeNet generator, resolution of model options to files,
 * checksums, the batch-dimension patcher, inspection and the verified download of the pretrained
 * model.
 *
 * <p>The synthetic GoogLeNet ({@link googlenet.streams.model.SyntheticGoogLeNet}) has the exact
 * BVLC Inception v1 topology, names ({@code data_0} to {@code prob_1}) and cost of the model zoo's
 * googlenet-12.onnx, but random seeded weights: its class indices and labels mean nothing. It lets
 * tests, benchmarks and the offline demo run the real pipeline where the pretrained weights cannot
 * be downloaded. For real labels, fetch the pretrained model with {@code model fetch}.
 */
package googlenet.streams.model;
