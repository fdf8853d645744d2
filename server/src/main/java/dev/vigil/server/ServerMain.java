package dev.vigil.server;

/** Entry point of vigil-server.jar. */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) {
    throw new UnsupportedOperationException("not wired yet");
  }
}
