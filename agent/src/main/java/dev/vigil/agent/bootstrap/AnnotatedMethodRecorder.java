package dev.vigil.agent.bootstrap;

/**
 * Receives the calls of methods annotated with Micrometer's {@code @Timed} or {@code @Counted};
 * the agent reads the annotation and records the call. It lives on the bootstrap loader, so it
 * takes JDK types only.
 */
public interface AnnotatedMethodRecorder {

  /**
   * Records one finished call.
   *
   * @param type the class that declares the method
   * @param method the method's name
   * @param descriptor the method's JVM descriptor, which tells overloads apart
   * @param error what the call threw, or null
   * @param durationNanos the call's duration
   */
  void record(Class<?> type, String method, String descriptor, Throwable error, long durationNanos);
}
