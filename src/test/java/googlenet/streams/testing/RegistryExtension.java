package googlenet.streams.testing;

import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link RequiresRegistry}. */
final class RegistryExtension implements ExecutionCondition, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RegistryExtension.class);

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    boolean node =
        context
            .getTestClass()
            .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresRegistry.class))
            .map(RequiresRegistry::node)
            .orElse(false);
    Optional<String> missing = cached(context, "registry", RegistryServer::missing);
    if (missing.isEmpty() && node) {
      missing = cached(context, "node", NodeInterop::missing);
    }
    if (missing.isEmpty()) {
      return ConditionEvaluationResult.enabled("registry prerequisites found");
    }
    if (Prerequisites.required()) {
      throw new IllegalStateException(Prerequisites.REQUIRE + "=true but " + missing.get());
    }
    return ConditionEvaluationResult.disabled("skipped: " + missing.get());
  }

  @SuppressWarnings("unchecked")
  private static Optional<String> cached(
      ExtensionContext context, String what, java.util.function.Supplier<Optional<String>> check) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent("missing-" + what, key -> check.get(), Optional.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == RegistryServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(RegistryServer.class, key -> startShared(), RegistryServer.class);
  }

  private static RegistryServer startShared() {
    try {
      return RegistryServer.start();
    } catch (java.io.IOException e) {
      throw new ParameterResolutionException("cannot start the registry: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParameterResolutionException("interrupted while starting the registry", e);
    }
  }
}
