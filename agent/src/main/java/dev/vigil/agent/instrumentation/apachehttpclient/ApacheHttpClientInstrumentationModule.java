package dev.vigil.agent.instrumentation.apachehttpclient;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/**
 * HTTP client metrics for Apache HttpClient 5 (classic clients, the default and the minimal async
 * clients). It applies only where the app has HttpClient 5: its types are matched by their names,
 * which exist nowhere else.
 */
public final class ApacheHttpClientInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "apache-httpclient";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    // One row per concrete client: the builder's classic client, the minimal one, the builder's
    // async client, and the minimal async clients (HTTP/1.1 and HTTP/2).
    return List.of(
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.InternalHttpClient"),
        new ClassicDoExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.classic.MinimalHttpClient"),
        new AsyncExecuteInstrumentation(),
        new MinimalAsyncExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient"),
        new MinimalAsyncExecuteInstrumentation(
            "org.apache.hc.client5.http.impl.async.MinimalH2AsyncClient"));
  }
}
