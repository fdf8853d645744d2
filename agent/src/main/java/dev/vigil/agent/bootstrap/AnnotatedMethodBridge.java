package dev.vigil.agent.bootstrap;

/**
 * Where the advice in methods annotated with {@code @Timed}/{@code @Counted} reports calls. Until
 * the agent's registry is ready they are dropped.
 */
public final class AnnotatedMethodBridge {

  private static final AnnotatedMethodRecorder DROP = (type, method, descriptor, error, nanos) -> {};

  private static volatile AnnotatedMethodRecorder recorder = DROP;

  private AnnotatedMethodBridge() {}

  /** Connects the agent's recorder; called once the registry exists. */
  public static void setRecorder(AnnotatedMethodRecorder newRecorder) {
    recorder = newRecorder == null ? DROP : newRecorder;
  }

  /** Called when an annotated method returns or throws. */
  public static void exit(
      long start, Class<?> type, String method, String descriptor, Throwable error) {
    recorder.record(type, method, descriptor, error, System.nanoTime() - start);
  }
}
