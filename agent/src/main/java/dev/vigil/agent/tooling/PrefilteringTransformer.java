package dev.vigil.agent.tooling;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.IllegalClassFormatException;
import java.security.ProtectionDomain;

/**
 * Passes a class to Byte Buddy's transformer only when the {@link CandidateFilter} says an enabled
 * instrumentation could match it; every other class is left alone after a name lookup.
 */
final class PrefilteringTransformer implements ClassFileTransformer {

  private final CandidateFilter filter;
  private final ClassFileTransformer byteBuddy;
  private final ClassLoader agentLoader;

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
    return byteBuddy.transform(
        module, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
  }

  private boolean isCandidate(ClassLoader loader, String className, byte[] classFile) {
    // No name: a class defined through Lookup.defineHiddenClass or Unsafe, never ours to match.
    return className != null
        && classFile != null
        && loader != agentLoader
        && filter.accepts(className, classFile);
  }
}
