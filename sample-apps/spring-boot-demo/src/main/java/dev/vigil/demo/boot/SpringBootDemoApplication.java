package dev.vigil.demo.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small Spring MVC shop that uses vigil-spring-boot-starter and generates its own traffic, so
 * {@code /actuator/prometheus} shows moving HTTP, JVM and process metrics without any setup.
 */
@SpringBootApplication
public class SpringBootDemoApplication {

  public static void main(String[] args) {
    SpringApplication.run(SpringBootDemoApplication.class, args);
  }
}
