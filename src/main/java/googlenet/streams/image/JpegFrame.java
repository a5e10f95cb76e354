package googlenet.streams.image;

/**
 * What a JPEG's frame header (SOFn) says about its samples.
 *
 * @param marker the SOF marker, e.g. {@code 0xC0} baseline, {@code 0xC2} progressive
 * @param precision bits per sample (8 or 12)
 * @param components colour components: 1 grey, 3 YCbCr or RGB, 4 CMYK or YCCK
 */
record JpegFrame(int marker, int precision, int components) {}
