package dev.vigil.demo.plain;

/** The work behind one route: query parameters in, a JSON response out. */
@FunctionalInterface
interface Endpoint {

  /**
   * Handles one request.
   *
   * @throws BadRequestException when a parameter is invalid (answered with 400)
   * @throws Exception anything else (answered with 500)
   */
  Response handle(Query query) throws Exception;
}
