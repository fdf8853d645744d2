package dev.vigil.server.web;

/** One HTTP resource: turns a request into a response. Exceptions become a 500 JSON error. */
@FunctionalInterface
public interface WebEndpoint {

  WebResponse handle(WebRequest request) throws Exception;
}
