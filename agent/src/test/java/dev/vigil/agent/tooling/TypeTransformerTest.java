package dev.vigil.agent.tooling;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.none;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.matcher.ElementMatcher;
import org.junit.jupiter.api.Test;

class TypeTransformerTest {

  private static final String TARGET = Target.class.getName();

  @Test
  void appliesTheAdviceOfAMatchingInstrumentation() throws Exception {
    TypeTransformer transformer = transformer(List.of(new ReplaceAnswer(TARGET)), none());

    byte[] transformed = transform(transformer, Target.class);

    assertThat(transformed).isNotNull();
    assertThat(answerOf(transformed)).isEqualTo("advised");
  }

  @Test
  void appliesEveryMatchingInstrumentation() throws Exception {
    TypeTransformer transformer =
        transformer(List.of(new SuffixAnswer(TARGET), new SuffixAnswer(TARGET)), none());

    assertThat(answerOf(transform(transformer, Target.class))).isEqualTo("original!!");
  }

  @Test
  void leavesAClassNoInstrumentationMatchesUntouched() throws Exception {
    TypeTransformer transformer = transformer(List.of(new ReplaceAnswer("com.example.Other")), none());

    assertThat(transform(transformer, Target.class)).isNull();
  }

  @Test
  void leavesAnIgnoredClassUntouchedEvenWhenAnInstrumentationMatchesIt() throws Exception {
    TypeTransformer transformer =
        transformer(List.of(new ReplaceAnswer(TARGET)), nameStartsWith("dev.vigil.agent."));

    assertThat(transform(transformer, Target.class)).isNull();
  }

  @Test
  void aFailingInstrumentationLeavesTheClassAsItWas() throws Exception {
    TypeInstrumentation broken =
        new ReplaceAnswer(TARGET) {
          @Override
          public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
            throw new IllegalStateException("broken advice");
          }
        };
    TypeTransformer transformer = transformer(List.of(broken), none());

    assertThat(transform(transformer, Target.class)).isNull();
  }

  @Test
  void passesOverAClassWithoutName() {
    TypeTransformer transformer = transformer(List.of(new ReplaceAnswer(TARGET)), none());

    assertThat(transformer.transform(null, null, null, null, null, new byte[] {1, 2, 3})).isNull();
  }

  private static TypeTransformer transformer(
      List<TypeInstrumentation> instrumentations, ElementMatcher<? super TypeDescription> ignored) {
    // No Instrumentation: only needed to add a read edge to a named module, and these are unnamed.
    return new TypeTransformer(
        null, instrumentations, ignored, TypeTransformerTest.class.getModule());
  }

  private static byte[] transform(TypeTransformer transformer, Class<?> type) throws IOException {
    String internalName = type.getName().replace('.', '/');
    byte[] original;
    try (InputStream in = type.getResourceAsStream("/" + internalName + ".class")) {
      original = in.readAllBytes();
    }
    return transformer.transform(
        null, type.getClassLoader(), internalName, null, null, original);
  }

  /** Defines the transformed class in a loader of its own and calls its {@code answer()}. */
  private static Object answerOf(byte[] classFile) throws Exception {
    ClassLoader loader =
        new ClassLoader(TypeTransformerTest.class.getClassLoader()) {
          @Override
          protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.equals(TARGET)) {
              synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null
                    ? loaded
                    : defineClass(name, classFile, 0, classFile.length);
              }
            }
            return super.loadClass(name, resolve);
          }
        };
    Class<?> target = loader.loadClass(TARGET);
    assertThat(target.getClassLoader()).isSameAs(loader);
    return target.getMethod("answer").invoke(null);
  }

  /** The class the tests transform. */
  public static final class Target {
    private Target() {}

    public static String answer() {
      return "original";
    }
  }

  /** Makes {@code answer()} return "advised". */
  private static class ReplaceAnswer implements TypeInstrumentation {
    private final String typeName;

    ReplaceAnswer(String typeName) {
      this.typeName = typeName;
    }

    @Override
    public ElementMatcher<TypeDescription> typeMatcher() {
      return named(typeName);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
      return builder.visit(Advice.to(ReplaceAdvice.class).on(named("answer")));
    }
  }

  /** Appends "!" to what {@code answer()} returns. */
  private static final class SuffixAnswer extends ReplaceAnswer {
    SuffixAnswer(String typeName) {
      super(typeName);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
      return builder.visit(Advice.to(SuffixAdvice.class).on(named("answer")));
    }
  }

  static final class ReplaceAdvice {
    private ReplaceAdvice() {}

    @Advice.OnMethodExit
    static void exit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
      value = "advised";
    }
  }

  static final class SuffixAdvice {
    private SuffixAdvice() {}

    @Advice.OnMethodExit
    static void exit(
        @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object value) {
      value = value + "!";
    }
  }
}
