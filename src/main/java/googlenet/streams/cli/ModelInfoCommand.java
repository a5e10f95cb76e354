package googlenet.streams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import googlenet.streams.model.ModelInspector;
import googlenet.streams.model.ModelSummary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code model info}: prints a model's contract. */
@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "Print a model's inputs, outputs, batch, opset, parameters, size and sha256, and its",
      "Inception modules (branch widths, parameters, multiply-adds, what the 1x1 reductions save)."
    })
final class ModelInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "The .onnx model.")
  Path file;

  @Option(names = "--json", description = "Print one JSON object instead of text.")
  boolean json;

  @Override
  public Integer call() throws JsonProcessingException {
    if (!Files.isRegularFile(file)) {
      throw new ParameterException(spec.commandLine(), file + " is not a file; give a .onnx model");
    }
    ModelSummary summary;
    try {
      summary = ModelInspector.inspect(file);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    } catch (IOException e) {
      spec.commandLine().getErr().printf("cannot read %s: %s%n", file, e);
      return 1;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(new ObjectMapper().writeValueAsString(asJson(summary)));
    } else {
      printText(summary, out);
    }
    return 0;
  }

  private static Map<String, Object> asJson(ModelSummary s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("file", s.file().toString());
    json.put("sizeBytes", s.sizeBytes());
    json.put("sha256", s.sha256());
    json.put("producer", s.producer());
    json.put("irVersion", s.irVersion());
    json.put("opsets", s.opsets());
    json.put("parameters", s.parameters());
    json.put("inputs", s.inputs());
    json.put("outputs", s.outputs());
    json.put("fixedBatch", s.fixedBatch());
    json.put("metadata", s.metadata());
    json.put("inception", s.inception());
    return json;
  }

  private static void printText(ModelSummary s, PrintWriter out) {
    out.printf("file        %s%n", s.file());
    out.printf("size        %d bytes%n", s.sizeBytes());
    out.printf("sha256      %s%n", s.sha256());
    out.printf("producer    %s%n", s.producer());
    out.printf("ir version  %d%n", s.irVersion());
    s.opsets().forEach((domain, version) -> out.printf("opset       %s %d%n", domain, version));
    out.printf("parameters  %,d%n", s.parameters());
    s.inputs()
        .forEach(
            t -> out.printf("input       %s %s %s%n", t.name(), t.elementType(), t.shapeText()));
    s.outputs()
        .forEach(
            t -> out.printf("output      %s %s %s%n", t.name(), t.elementType(), t.shapeText()));
    out.printf(
        "batch       %s%n",
        s.fixedBatch()
            ? "fixed at 1; run 'model prepare --in " + s.file() + " --out FILE' to batch"
            : "any size");
    s.metadata().forEach((key, value) -> out.printf("metadata    %s=%s%n", key, value));
    InceptionTable.print(s.inception(), out);
  }
}
