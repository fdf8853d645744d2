package dev.vigil.agent.instrumentation;

import dev.vigil.agent.config.AgentConfig;
import dev.vigil.agent.instrumentation.annotations.AnnotationsInstrumentationModule;
import dev.vigil.agent.instrumentation.apachehttpclient.ApacheHttpClientInstrumentationModule;
import dev.vigil.agent.instrumentation.executors.ExecutorsInstrumentationModule;
import dev.vigil.agent.instrumentation.hikari.HikariInstrumentationModule;
import dev.vigil.agent.instrumentation.httpclient.JdkHttpClientInstrumentationModule;
import dev.vigil.agent.instrumentation.jdbc.JdbcInstrumentationModule;
import dev.vigil.agent.instrumentation.jdkhttpserver.JdkHttpServerInstrumentationModule;
import dev.vigil.agent.instrumentation.jersey.JerseyInstrumentationModule;
import dev.vigil.agent.instrumentation.log4j2.Log4j2InstrumentationModule;
import dev.vigil.agent.instrumentation.logback.LogbackInstrumentationModule;
import dev.vigil.agent.instrumentation.okhttp.OkHttpInstrumentationModule;
import dev.vigil.agent.instrumentation.resteasy.RestEasyInstrumentationModule;
import dev.vigil.agent.instrumentation.servlet.ServletInstrumentationModule;
import dev.vigil.agent.instrumentation.undertow.UndertowInstrumentationModule;
import dev.vigil.agent.instrumentation.urlconnection.UrlConnectionInstrumentationModule;
import dev.vigil.agent.instrumentation.webflux.WebFluxInstrumentationModule;
import java.util.ArrayList;
import java.util.List;

/** The table of every instrumentation module the agent ships: adding a library adds a row. */
public final class InstrumentationModules {

  private static final List<InstrumentationModule> ALL =
      List.of(
          new JdkHttpServerInstrumentationModule(),
          new ServletInstrumentationModule(),
          new JerseyInstrumentationModule(),
          new RestEasyInstrumentationModule(),
          new UndertowInstrumentationModule(),
          new WebFluxInstrumentationModule(),
          new ExecutorsInstrumentationModule(),
          new JdkHttpClientInstrumentationModule(),
          new UrlConnectionInstrumentationModule(),
          new ApacheHttpClientInstrumentationModule(),
          new OkHttpInstrumentationModule(),
          new JdbcInstrumentationModule(),
          new HikariInstrumentationModule(),
          new LogbackInstrumentationModule(),
          new Log4j2InstrumentationModule(),
          new AnnotationsInstrumentationModule());

  private InstrumentationModules() {}

  /** The shipped modules that {@code config} leaves switched on. */
  public static List<InstrumentationModule> enabled(AgentConfig config) {
    return enabled(ALL, config);
  }

  /** The names of all shipped modules, switched on or not. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (InstrumentationModule module : ALL) {
      names.add(module.name());
    }
    return names;
  }

  static List<InstrumentationModule> all() {
    return ALL;
  }

  static List<InstrumentationModule> enabled(
      List<InstrumentationModule> modules, AgentConfig config) {
    // A loop, not a stream: this is evaluated in premain (see AgentStarter).
    List<InstrumentationModule> enabled = new ArrayList<>();
    for (InstrumentationModule module : modules) {
      if (config.instrumentationEnabled(module.name(), module.enabledByDefault())) {
        enabled.add(module);
      }
    }
    return List.copyOf(enabled);
  }
}
