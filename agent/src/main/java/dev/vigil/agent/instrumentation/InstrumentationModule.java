package dev.vigil.agent.instrumentation;

import java.util.List;

/**
 * The instrumentation of one library (e.g. the JDK HTTP server): a name, a default, and the types
 * it transforms. Users switch a module with {@code vigil.instrumentation.<name>.enabled}.
 */
public interface InstrumentationModule {

  /** Kebab-case name, e.g. {@code jdk-http-server}; the {@code <name>} of its enable switch. */
  String name();

  /** Whether the module runs when its switch is not set. */
  default boolean enabledByDefault() {
    return true;
  }

  /** The types this module transforms. */
  List<TypeInstrumentation> typeInstrumentations();
}
