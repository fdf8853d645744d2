package dev.vigil.agent.instrumentation.apachehttpclient;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP client metrics for Apache HttpClient 5 (classic clients). It applies only where the app has
 * HttpClient 5: its types are matched by their names, which exist nowhere else.
 */
public final class ApacheHttpClientInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // One row per concrete client: the builder's client and the minimal one.
    return List.of(
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.InternalHttpClient"),
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"));
  }
}
