package dev.vigil.agent.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.instrumentation.ClassFileFilter;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {

  private static final String CANDIDATE = "com/example/Candidate";
  private static final byte[] CLASS_FILE = {(byte) 0xCA, (byte) 0xFE};

  private final List<String> seen = new ArrayList<>();
  private final ClassFileTransformer recorder =
      new ClassFileTransformer() {
        @Override
        public byte[] transform(
            Module module,
            ClassLoader loader,
            String className,
            Class<?> classBeingRedefined,
            ProtectionDomain protectionDomain,
            byte[] classfileBuffer) {
          seen.add(className);
          return new byte[] {42};
        }
      };
  private final PrefilteringTransformer transformer =
      new PrefilteringTransformer(
          new CandidateFilter(List.of(ClassFileFilter.named("com.example.Candidate"))),
          recorder,
          new ClassLoader() {});

  @Test
  void passesOverCandidatesBeingDefinedUntilNewClassesAreTransformedAndRemembersThem()
      throws Exception {
    byte[] result = transformer.transform(null, null, CANDIDATE, null, null, CLASS_FILE);

    assertThat(result).isNull();
    assertThat(seen).isEmpty();
    assertThat(transformer.passedOver()).containsExactly(CANDIDATE);
  }

  @Test
  void transformsRetransformedCandidatesFromTheStart() throws Exception {
    byte[] result =
        transformer.transform(null, null, CANDIDATE, String.class, null, CLASS_FILE);

    assertThat(result).containsExactly(42);
    assertThat(seen).containsExactly(CANDIDATE);
    assertThat(transformer.passedOver()).isEmpty();
  }

  @Test
  void transformsCandidatesBeingDefinedOnceSwitchedOn() throws Exception {
    transformer.transformNewClasses();

    byte[] result = transformer.transform(null, null, CANDIDATE, null, null, CLASS_FILE);

    assertThat(result).containsExactly(42);
    assertThat(transformer.passedOver()).isEmpty();
  }

  @Test
  void neverHandsOtherClassesToByteBuddy() throws Exception {
    transformer.transformNewClasses();

    assertThat(transformer.transform(null, null, "com/example/Other", null, null, CLASS_FILE))
        .isNull();
    assertThat(transformer.transform(null, null, null, null, null, CLASS_FILE)).isNull();
    assertThat(seen).isEmpty();
  }
}
