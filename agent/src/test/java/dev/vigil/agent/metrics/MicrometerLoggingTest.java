package dev.vigil.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.agent.bootstrap.AgentLog;
import io.micrometer.common.util.internal.logging.InternalLogger;
import io.micrometer.common.util.internal.logging.InternalLoggerFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MicrometerLoggingTest {

  private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
  private PrintStream originalStderr;
  private InternalLoggerFactory originalFactory;

  @BeforeEach
  void captureStderr() {
    originalStderr = System.err;
    originalFactory = InternalLoggerFactory.getDefaultFactory();
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    MicrometerLogging.install();
  }

  @AfterEach
  void restore() {
    System.setErr(originalStderr);
    InternalLoggerFactory.setDefaultFactory(originalFactory);
    AgentLog.setDebug(false);
  }

  private String printed() {
    return stderr.toString(StandardCharsets.UTF_8);
  }

  @Test
  void printsWarningsAsOneAgentLine() {
    InternalLogger logger = InternalLoggerFactory.getInstance("io.micrometer.core.Thing");

    logger.warn("meter {} was rejected", "http.requests");

    assertThat(printed())
        .isEqualTo("[vigil-agent] micrometer warn (Thing): meter http.requests was rejected\n");
  }

  @Test
  void includesTheCauseOfAnError() {
    InternalLogger logger = InternalLoggerFactory.getInstance("io.micrometer.core.Thing");

    logger.error("binding {} failed", "gc", new IllegalStateException("no MXBean"));

    assertThat(printed())
        .isEqualTo(
            "[vigil-agent] micrometer error (Thing): binding gc failed:"
                + " java.lang.IllegalStateException: no MXBean\n");
  }

  @Test
  void staysQuietBelowWarningUnlessDebugging() {
    InternalLogger logger = InternalLoggerFactory.getInstance("io.micrometer.core.Thing");

    logger.info("registered {} meters", 12);
    logger.debug("detail");
    assertThat(logger.isInfoEnabled()).isFalse();
    assertThat(printed()).isEmpty();

    AgentLog.setDebug(true);
    logger.info("registered {} meters", 12);
    assertThat(logger.isInfoEnabled()).isTrue();
    assertThat(printed())
        .isEqualTo("[vigil-agent] micrometer info (Thing): registered 12 meters\n");
  }
}
