package dev.vigil.server.api.v1;

import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * An endpoint whose {@code data} is written by a fixed writer, for resources that exist in
 * Prometheus's API but hold nothing in Vigil yet (e.g. {@code /rules} before the rule engine).
 */
final class FixedDataHandler implements ApiEndpoint {

  private final ApiJson.DataWriter data;
  private final boolean allowsPost;

  FixedDataHandler(ApiJson.DataWriter data, boolean allowsPost) {
    this.data = data;
    this.allowsPost = allowsPost;
  }

  @Override
  public boolean allowsPost() {
    return allowsPost;
  }

  @Override
  public WebResponse serve(WebRequest request) {
    return ApiJson.success(data);
  }
}
