package googlenet.streams.model;

import static org.assertj.core.api.Assertions.assertThat;

import googlenet.streams.testing.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelInspectorTest {

  @Test
  void shouldDescribeTheBatchableSyntheticModel() throws Exception {
    Path model = TestModels.full();

    ModelSummary summary = ModelInspector.inspect(model);

    assertThat(summary.inputs())
        .containsExactly(
            new ModelSummary.Tensor("data_0", "float", List.of("N", "3", "224", "224")));
    assertThat(summary.outputs())
        .containsExactly(new ModelSummary.Tensor("prob_1", "float", List.of("N", "1000")));
    assertThat(summary.fixedBatch()).isFalse();
    assertThat(summary.parameters()).isEqualTo(6_998_552L);
    assertThat(summary.opsets()).isEqualTo(Map.of("ai.onnx", 12L));
    assertThat(summary.sizeBytes()).isEqualTo(Files.size(model));
    assertThat(summary.sha256()).isEqualTo(Checksums.sha256(model));
    assertThat(summary.metadata().keySet())
        .containsExactly("fixed_batch", "seed", "synthetic", "width_divisor");
    assertThat(summary.metadata()).containsEntry("synthetic", "true").containsEntry("seed", "42");
  }

  @Test
  void shouldReportAFixedBatchAndTheSameParameterCountWithoutTheShapeTensor() throws Exception {
    ModelSummary fixed = ModelInspector.inspect(TestModels.fixedBatchSmall());
    ModelSummary batchable = ModelInspector.inspect(TestModels.small());

    assertThat(fixed.fixedBatch()).isTrue();
    assertThat(fixed.inputs().get(0).shapeText()).isEqualTo("[1,3,224,224]");
    assertThat(fixed.parameters()).isEqualTo(batchable.parameters());
  }
}
