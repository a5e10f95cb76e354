package googlenet.streams.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The layering of googlenet-streams, as rules. From the bottom: values and stages that know nothing
 * of each other's callers (config, label, image, model, avro), then serde and inference, the
 * topology, operations, the service runtime, backfill, the tools (bench, demo, in-JVM broker,
 * fixtures), and the command line on top. A layer may use the layers below it only; nothing in the
 * product uses a tool.
 */
final class Layers {
  private static final String ROOT = "googlenet.streams.";

  private Layers() {}

  /** Who may use whom. */
  static LayeredArchitecture layering() {
    return layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("config")
        .definedBy(ROOT + "config..")
        .layer("label")
        .definedBy(ROOT + "label..")
        .layer("image")
        .definedBy(ROOT + "image..")
        .layer("model")
        .definedBy(ROOT + "model..")
        .layer("avro")
        .definedBy(ROOT + "avro..")
        .layer("serde")
        .definedBy(ROOT + "serde..")
        .layer("inference")
        .definedBy(ROOT + "inference..")
        .layer("topology")
        .definedBy(ROOT + "topology..")
        .layer("ops")
        .definedBy(ROOT + "ops..")
        .layer("service")
        .definedBy(ROOT + "service..")
        .layer("backfill")
        .definedBy(ROOT + "backfill..")
        .layer("tools")
        .definedBy(ROOT + "tools..")
        .layer("cli")
        .definedBy(ROOT + "cli..")
        .whereLayer("cli")
        .mayNotBeAccessedByAnyLayer()
        .whereLayer("tools")
        .mayOnlyBeAccessedByLayers("cli")
        .whereLayer("backfill")
        .mayOnlyBeAccessedByLayers("tools", "cli")
        .whereLayer("service")
        .mayOnlyBeAccessedByLayers("backfill", "tools", "cli")
        .whereLayer("ops")
        .mayOnlyBeAccessedByLayers("service", "backfill", "tools", "cli")
        .whereLayer("topology")
        .mayOnlyBeAccessedByLayers("ops", "service", "backfill", "tools", "cli")
        .whereLayer("inference")
        .mayOnlyBeAccessedByLayers("topology", "ops", "service", "backfill", "tools", "cli")
        .whereLayer("serde")
        .mayOnlyBeAccessedByLayers("topology", "service", "backfill", "tools", "cli")
        .whereLayer("model")
        .mayOnlyBeAccessedByLayers("inference", "service", "tools", "cli")
        .whereLayer("image")
        .mayOnlyBeAccessedByLayers("inference", "topology", "service", "tools", "cli")
        .whereLayer("label")
        .mayOnlyBeAccessedByLayers("inference", "topology", "service", "tools", "cli")
        .whereLayer("config")
        .mayOnlyBeAccessedByLayers(
            "serde", "topology", "ops", "service", "backfill", "tools", "cli");
  }

  /** The stages below the topology know nothing of Kafka; the topology nothing of ONNX Runtime. */
  static List<ArchRule> boundaries() {
    return List.of(
        noClasses()
            .that()
            .resideInAnyPackage(
                ROOT + "image..", ROOT + "label..", ROOT + "model..", ROOT + "inference..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.kafka..")
            .because("decoding, models and inference run without Kafka (classify, the bench)"),
        noClasses()
            .that()
            .resideInAnyPackage(ROOT + "topology..", ROOT + "serde..", ROOT + "config..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("ai.onnxruntime..")
            .because("the topology sees the engine through inference.Classifier only"));
  }
}
