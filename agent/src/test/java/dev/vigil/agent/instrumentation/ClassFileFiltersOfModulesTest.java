package dev.vigil.agent.instrumentation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.fixture.orders.Orders;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

/**
 * The shipped instrumentations' pre-filters against their Byte Buddy matchers: a class the matcher
 * accepts but the filter rejects would silently go uninstrumented.
 */
class ClassFileFiltersOfModulesTest {

  private static final TypeDescription.Generic OBJECT =
      TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(Object.class);

  @Test
  void everyShippedInstrumentationNarrowsWhatByteBuddySees() {
    // One instrumentation left at ClassFileFilter.ANY sends every class loaded to Byte Buddy.
    for (InstrumentationModule module : InstrumentationModules.all()) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        assertThat(type.classFileFilter())
            .as("%s: %s must override classFileFilter()", module.name(), type.getClass().getName())
            .isNotSameAs(ClassFileFilter.ANY);
      }
    }
  }

  @Test
  void typeMatcherAcceptsEveryExactNameItsFilterLetsThrough() {
    List<String> checked = new ArrayList<>();
    for (InstrumentationModule module : InstrumentationModules.all()) {
      for (TypeInstrumentation type : module.typeInstrumentations()) {
        for (String internalName : type.classFileFilter().exactNames()) {
          String binaryName = internalName.replace('/', '.');
          TypeDescription latent = new TypeDescription.Latent(binaryName, Modifier.PUBLIC, OBJECT);
          assertThat(type.typeMatcher().matches(latent))
              .as("%s: matcher of %s accepts %s", module.name(), type.getClass(), binaryName)
              .isTrue();
          checked.add(binaryName);
        }
      }
    }
    assertThat(checked)
        .contains("com.sun.net.httpserver.Filter$Chain", "jakarta.servlet.http.HttpServlet");
  }

  @Test
  void jdbcFiltersPassTheDriverClassesTheMatchersAccept() throws IOException {
    assertMatcherAndFilterAccept("jdbc", org.h2.jdbc.JdbcStatement.class);
    assertMatcherAndFilterAccept("jdbc", org.h2.jdbc.JdbcPreparedStatement.class);
    assertMatcherAndFilterAccept("jdbc", org.h2.jdbc.JdbcConnection.class);
  }

  @Test
  void annotationFilterPassesTheAnnotatedClassTheMatcherAccepts() throws IOException {
    assertMatcherAndFilterAccept("micrometer-annotations", Orders.class);
  }

  private static void assertMatcherAndFilterAccept(String moduleName, Class<?> type)
      throws IOException {
    String internalName = type.getName().replace('.', '/');
    byte[] classFile;
    try (InputStream in = type.getResourceAsStream("/" + internalName + ".class")) {
      classFile = in.readAllBytes();
    }
    TypeDescription description = TypeDescription.ForLoadedType.of(type);
    boolean matched = false;
    for (InstrumentationModule module : InstrumentationModules.all()) {
      if (!module.name().equals(moduleName)) {
        continue;
      }
      for (TypeInstrumentation instrumentation : module.typeInstrumentations()) {
        if (instrumentation.typeMatcher().matches(description)) {
          matched = true;
          assertThat(instrumentation.classFileFilter().accepts(internalName, classFile))
              .as("filter of %s accepts %s", instrumentation.getClass().getName(), type.getName())
              .isTrue();
        }
      }
    }
    assertThat(matched).as("some %s matcher accepts %s", moduleName, type.getName()).isTrue();
  }
}
