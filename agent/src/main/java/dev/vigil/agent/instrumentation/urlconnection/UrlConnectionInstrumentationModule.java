package dev.vigil.agent.instrumentation.urlconnection;

import dev.vigil.agent.instrumentation.InstrumentationModule;
import dev.vigil.agent.instrumentation.TypeInstrumentation;
import java.util.List;

/** HTTP client metrics for {@code java.net.HttpURLConnection} (http and https URLs). */
public final class UrlConnectionInstrumentationModule implements InstrumentationModule {

  @Override
  public String name() {
    return "http-url-connection";
  }

  @Override
  public List<TypeInstrumentation> typeInstrumentations() {
    return List.of(new GetInputStreamInstrumentation());
  }
}
