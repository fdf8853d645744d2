package dev.vigil.server.api.v1;

import dev.vigil.server.storage.Querier;
import dev.vigil.server.storage.Storage;
import dev.vigil.server.web.WebRequest;
import dev.vigil.server.web.WebResponse;

/**
 * {@code GET|POST /api/v1/labels}: label names of the series matching any {@code match[]} (all
 * series when none is given) with samples in {@code [start, end]}, sorted.
 */
final class LabelNamesHandler implements ApiEndpoint {

  private final Storage storage;

  LabelNamesHandler(Storage storage) {
    this.storage = storage;
  }

  @Override
  public boolean allowsPost() {
    return true;
  }

  @Override
  public WebResponse serve(WebRequest request) throws ApiException {
    return LabelListing.respond(storage, request, Querier::labelNames);
  }
}
