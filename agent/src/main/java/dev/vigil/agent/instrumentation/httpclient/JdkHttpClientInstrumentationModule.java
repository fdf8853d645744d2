package dev.vigil.agent.instrumentation.httpclient;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/** HTTP client metrics for the JDK's {@code java.net.http.HttpClient} (send and sendAsync). */
public final class JdkHttpClientInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "jdk-http-client";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new HttpClientImplInstrumentation());
  }
}
