package dev.vigil.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Modifier;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import org.junit.jupiter.api.Test;

class NamedTypeInstrumentationTest {

  private static final TypeDescription.Generic OBJECT =
      TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);

  @Test
  void matcherAndFilterAcceptExactlyTheDeclaredClasses() {
    TypeInstrumentation type = new Named("a.b.Outer$Inner", "a.b.Other");

    assertThat(type.typeMatcher().matches(latent("a.b.Outer$Inner"))).isTrue();
    assertThat(type.typeMatcher().matches(latent("a.b.Other"))).isTrue();
    assertThat(type.typeMatcher().matches(latent("a.b.Outer"))).isFalse();
    assertThat(type.classFileFilter().exactNames())
        .containsExactlyInAnyOrder("a/b/Outer$Inner", "a/b/Other");
    assertThat(type.classFileFilter().needsClassFile()).isFalse();
  }

  @Test
  void rejectsAnInstrumentationWithoutNames() {
    assertThatThrownBy(Named::new)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one name");
  }

  private static TypeDescription latent(String name) {
    return new TypeDescription.Latent(name, Modifier.PUBLIC, OBJECT);
  }

  private static final class Named extends NamedTypeInstrumentation {

    Named(String... names) {
      super(names);
    }

    @Override
    public DynamicType.Builder<?> transform(DynamicType.Builder<?> builder) {
      return builder;
    }
  }
}
