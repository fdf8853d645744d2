package dev.vigil.agent.instrumentation.apachehttpclient;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP client metrics for Apache HttpClient 5 (classic clients and the default async client). It
 * applies only where the app has HttpClient 5: its types are matched by their names, which exist
 * nowhere else.
 */
public final class ApacheHttpClientInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // One row per concrete client: the builder's classic client, the minimal one, and the
    // builder's async client (the minimal async clients are not instrumented).
    return List.of(
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.InternalHttpClient"),
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"),
        new AsyncExecuteInstrumentation());
  }
}
