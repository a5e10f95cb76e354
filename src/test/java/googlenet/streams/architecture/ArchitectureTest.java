package googlenet.streams.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import googlenet.streams.image.ArchitectureViolationFixture;
import googlenet.streams.tools.fixtures.SampleImages;
import org.junit.jupiter.api.Test;

/** The product's layering holds for every class of src/main, and the check itself can fail. */
class ArchitectureTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("googlenet.streams");

  @Test
  void shouldKeepEveryLayerToTheLayersBelowIt() {
    Layers.layering().check(MAIN);
  }

  @Test
  void shouldKeepKafkaOutOfTheStagesAndOnnxRuntimeOutOfTheTopology() {
    for (ArchRule rule : Layers.boundaries()) {
      rule.check(MAIN);
    }
  }

  @Test
  void shouldReportAStageThatImportsATool() {
    JavaClasses offender =
        new ClassFileImporter()
            .importClasses(ArchitectureViolationFixture.class, SampleImages.class);

    EvaluationResult result = Layers.layering().withOptionalLayers(true).evaluate(offender);

    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString())
        .contains("ArchitectureViolationFixture")
        .contains("googlenet.streams.tools.fixtures.SampleImages");
  }
}
