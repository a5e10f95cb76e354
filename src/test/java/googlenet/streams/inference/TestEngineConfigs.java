package googlenet.streams.inference;

import googlenet.streams.testing.TestModels;
import java.util.Map;
import java.util.Optional;

/** Engine configurations of the small synthetic model for tests of the session's options. */
final class TestEngineConfigs {
  private TestEngineConfigs() {}

  /** The CPU provider with {@code intraOpThreads} (0: ONNX Runtime's default) and spinning. */
  static EngineConfig cpu(int intraOpThreads, boolean spinning) {
    return cpu(intraOpThreads, spinning, EngineConfig.DEFAULT_DYNAMIC_BLOCK_BASE);
  }

  /** The same with ONNX Runtime's dynamic block base (0: off). */
  static EngineConfig cpu(int intraOpThreads, boolean spinning, int dynamicBlockBase) {
    return new EngineConfig(
        TestModels.small(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        ExecutionProvider.CPU,
        0,
        Map.of(),
        intraOpThreads,
        0,
        spinning,
        dynamicBlockBase,
        EngineConfig.Softmax.AUTO,
        false);
  }
}
