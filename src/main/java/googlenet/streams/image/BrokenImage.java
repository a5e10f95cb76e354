package googlenet.streams.image;

/**
 * A deliberately bad input and the rejection it must get under {@link ImageLimits#DEFAULT}.
 *
 * @param name short, stable name usable as a record id or test name, e.g. {@code png-bomb}
 * @param bytes the encoded bytes
 * @param expected the reason a preprocessor with default limits rejects it with
 */
public record BrokenImage(String name, byte[] bytes, RejectReason expected) {}
