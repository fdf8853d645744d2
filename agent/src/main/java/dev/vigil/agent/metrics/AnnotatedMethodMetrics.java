package dev.vigil.agent.metrics;

import dev.vigil.agent.bootstrap.AgentLog;
import dev.vigil.agent.bootstrap.AnnotatedMethodRecorder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records calls of {@code @Timed}/{@code @Counted} methods as Micrometer's {@code TimedAspect} and
 * {@code CountedAspect} do: name from {@code value()} (default {@code method.timed} / {@code
 * method.counted}), tags {@code class, method, exception} (+ {@code result} for counters) and the
 * annotation's {@code extraTags}.
 *
 * <p>The annotations belong to the application's Micrometer, not ours, so they are read by
 * reflection, once per method (cached per class in a {@link ClassValue}, which does not keep
 * classes from being unloaded). Not supported: {@code longTask}, histograms and percentiles.
 */
public final class AnnotatedMethodMetrics implements AnnotatedMethodRecorder {

  private static final String TIMED = "io.micrometer.core.annotation.Timed";
  private static final String COUNTED = "io.micrometer.core.annotation.Counted";

  private final MeterRegistry registry;

  private final ClassValue<Map<String, List<MeterSpec>>> specs =
      new ClassValue<>() {
        @Override
        protected Map<String, List<MeterSpec>> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  /** Records into {@code registry}. */
  public AnnotatedMethodMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(
      Class<?> type, String method, String descriptor, Throwable error, long durationNanos) {
    List<MeterSpec> meters =
        specs.get(type).computeIfAbsent(method + descriptor, key -> read(type, method, descriptor));
    String exception = error == null ? "none" : error.getClass().getSimpleName();
    for (MeterSpec spec : meters) {
      Tags tags = spec.extraTags().and("class", type.getName(), "method", method);
      if (spec.timed()) {
        Timer.builder(spec.name())
            .description(spec.description())
            .tags(tags.and("exception", exception))
            .register(registry)
            .record(durationNanos, TimeUnit.NANOSECONDS);
      } else if (error != null || !spec.failuresOnly()) {
        Counter.builder(spec.name())
            .description(spec.description())
            .tags(tags.and("exception", exception, "result", error == null ? "success" : "failure"))
            .register(registry)
            .increment();
      }
    }
  }

  /** One meter an annotation asks for. */
  private record MeterSpec(
      boolean timed, String name, String description, Tags extraTags, boolean failuresOnly) {}

  private static List<MeterSpec> read(Class<?> type, String name, String descriptor) {
    List<MeterSpec> result = new ArrayList<>();
    for (Method method : type.getDeclaredMethods()) {
      if (!method.getName().equals(name)
          || !MethodType.methodType(method.getReturnType(), method.getParameterTypes())
              .toMethodDescriptorString()
              .equals(descriptor)) {
        continue;
      }
      for (Annotation annotation : method.getDeclaredAnnotations()) {
        String annotationName = annotation.annotationType().getName();
        try {
          if (annotationName.equals(TIMED) && !(Boolean) attribute(annotation, "longTask")) {
            result.add(spec(true, annotation, "method.timed", false));
          } else if (annotationName.equals(COUNTED)) {
            boolean failuresOnly = (Boolean) attribute(annotation, "recordFailuresOnly");
            result.add(spec(false, annotation, "method.counted", failuresOnly));
          }
        } catch (ReflectiveOperationException | RuntimeException e) {
          AgentLog.warn("cannot read " + annotationName + " on " + type.getName() + "." + name, e);
        }
      }
    }
    return List.copyOf(result);
  }

  private static MeterSpec spec(
      boolean timed, Annotation annotation, String defaultName, boolean failuresOnly)
      throws ReflectiveOperationException {
    String value = (String) attribute(annotation, "value");
    String description = (String) attribute(annotation, "description");
    String[] extraTags = (String[]) attribute(annotation, "extraTags");
    return new MeterSpec(
        timed,
        value.isEmpty() ? defaultName : value,
        description.isEmpty() ? null : description,
        // Micrometer throws on an odd count; we drop the dangling key instead of failing calls.
        Tags.of(Arrays.copyOf(extraTags, extraTags.length - extraTags.length % 2)),
        failuresOnly);
  }

  private static Object attribute(Annotation annotation, String name)
      throws ReflectiveOperationException {
    Method attribute = annotation.annotationType().getMethod(name);
    attribute.setAccessible(true);
    return attribute.invoke(annotation);
  }
}
