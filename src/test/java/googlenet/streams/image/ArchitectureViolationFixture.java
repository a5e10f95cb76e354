package googlenet.streams.image;

import googlenet.streams.tools.fixtures.SampleImages;

/**
 * A class of the image stage that uses a tool, as the layering forbids: the architecture test
 * checks that its rules report it. It lives in the test tree, so the product never contains it.
 */
public final class ArchitectureViolationFixture {
  private ArchitectureViolationFixture() {}

  /** Uses a fixture from the tools. */
  public static byte[] picture() {
    return SampleImages.jpeg(8, 8, 1);
  }
}
