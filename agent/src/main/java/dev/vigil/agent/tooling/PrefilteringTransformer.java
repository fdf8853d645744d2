package dev.vigil.agent.tooling;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes a class to Byte Buddy's transformer only when the {@link CandidateFilter} says an enabled
 * instrumentation could match it; every other class is left alone after a name lookup.
 *
 * <p>Until {@link #transformNewClasses()} it transforms only retransformed classes: candidates the
 * application loads meanwhile are defined as they are and their names kept for the installer to
 * retransform on its own thread. Why: the first transformation loads and runs ~500 Byte Buddy
 * classes cold (~200 ms of CPU); done by an application thread that loads, say, the JDK HTTP
 * server's {@code Filter$Chain} for its first request, that time is added to the request, and
 * measured: the time to the first 200 grew by more than a second on a loaded 2-core machine.
 */
final class PrefilteringTransformer implements ClassFileTransformer {

  private final CandidateFilter filter;
  private final ClassFileTransformer byteBuddy;
  private final ClassLoader agentLoader;
  private final Set<String> passedOver = ConcurrentHashMap.newKeySet();
  private volatile boolean newClasses;

  PrefilteringTransformer(
      CandidateFilter filter, ClassFileTransformer byteBuddy, ClassLoader agentLoader) {
    this.filter = filter;
    this.byteBuddy = byteBuddy;
    this.agentLoader = agentLoader;
  }

  // Only the module-aware transform: the JVM (9+) calls this one, and TypeTransformer needs the
  // module, which the legacy method, called by this one's default, does not have.
  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classfileBuffer)
      throws IllegalClassFormatException {
    if (!isCandidate(loader, className, classfileBuffer)) {
      return null;
    }
    if (classBeingRedefined == null && !newClasses) {
      passedOver.add(className);
      return null;
    }
    return byteBuddy.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  /** From now on classes being defined are transformed too, on whichever thread loads them. */
  void transformNewClasses() {
    newClasses = true;
  }

  /** Internal names of the candidates defined untransformed before {@link #transformNewClasses}. */
  Set<String> passedOver() {
    return Set.copyOf(passedOver);
  }

  private boolean isCandidate(ClassLoader loader, String className, byte[] classFile) {
    // No name: a class defined through Lookup.defineHiddenClass or Unsafe, never ours to match.
    return className != null
        && classFile != null
        && loader != agentLoader
        && filter.accepts(className, classFile);
  }
}
