package googlenet.streams.testing;

import googlenet.streams.tools.demo.SampleInput;
import googlenet.streams.tools.demo.SampleInputs;
import googlenet.streams.tools.fixtures.SampleImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Mixed good and bad inputs for pipeline tests: small pictures, so tests stay fast. */
public final class TestInputs {
  private TestInputs() {}

  /**
   * {@code good} small JPEG/PNG pictures (ids {@code good-0000...}) interleaved with {@code bad}
   * broken inputs cycling through every kind of {@link SampleInputs#broken()} (ids {@code
   * bad-0000-<kind>}).
   */
  public static List<SampleInput> mixed(int good, int bad) {
    List<SampleInput> broken = SampleInputs.broken();
    List<SampleInput> out = new ArrayList<>(good + bad);
    int total = good + bad;
    int g = 0;
    int b = 0;
    for (int i = 0; i < total; i++) {
      boolean takeBad = b < bad && (g >= good || (long) i * bad / total >= b);
      if (takeBad) {
        SampleInput kind = broken.get(b % broken.size());
        String id = String.format(Locale.ROOT, "bad-%04d-%s", b, kind.id());
        out.add(new SampleInput(id, kind.bytes(), null, kind.raw(), kind.expectedReject()));
        b++;
      } else {
        out.add(picture(g++));
      }
    }
    return List.copyOf(out);
  }

  private static SampleInput picture(int i) {
    int width = 48 + (i % 5) * 24;
    int height = 40 + (i % 3) * 20;
    boolean png = i % 4 == 3;
    String id = String.format(Locale.ROOT, "good-%04d.%s", i, png ? "png" : "jpg");
    byte[] bytes = png ? SampleImages.png(width, height, i) : SampleImages.jpeg(width, height, i);
    return new SampleInput(id, bytes, png ? "image/png" : "image/jpeg", false, null);
  }
}
