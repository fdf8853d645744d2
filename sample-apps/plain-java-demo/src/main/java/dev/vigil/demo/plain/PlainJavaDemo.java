package dev.vigil.demo.plain;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * A framework-free Java service to watch with {@code -javaagent:vigil-agent.jar}: the JDK HTTP
 * server, a worker pool, an HTTP client calling back into itself, and a built-in load generator.
 *
 * <p>Usage: {@code java -jar plain-java-demo.jar [port]}; see {@link DemoSettings} for the other
 * ways to set the port, host and load generator.
 */
public final class PlainJavaDemo {

  private static final System.Logger logger = System.getLogger(PlainJavaDemo.class.getName());

  private PlainJavaDemo() {}

  public static void main(String[] args) {
    DemoSettings settings;
    DemoServer server;
    try {
      settings = DemoSettings.resolve(args, System::getProperty, System::getenv);
      server = DemoServer.start(settings.host(), settings.port());
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("plain-java-demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    LoadGenerator load =
        settings.loadEnabled() ? LoadGenerator.start(server.uri(), Duration.ofSeconds(1)) : null;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (load != null) {
                    load.close();
                  }
                  server.close();
                },
                "demo-shutdown"));
    logger.log(
        Level.INFO,
        "plain-java-demo listening on {0} (load generator {1}); GET / lists the endpoints",
        server.uri(),
        load != null ? "on" : "off");
  }
}
