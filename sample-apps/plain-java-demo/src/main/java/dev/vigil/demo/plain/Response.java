package dev.vigil.demo.plain;

/** A status code and a JSON body. */
record Response(int status, String json) {

  static Response ok(String json) {
    return new Response(200, json);
  }

  static Response error(int status, String message) {
    return new Response(status, "{\"error\":\"" + Json.escape(message) + "\"}");
  }
}
