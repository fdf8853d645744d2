package dev.vigil.server.scrape;

import dev.vigil.server.config.ScrapeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The scrape loops of one job. Applying a new version of the job's config keeps loops whose target
 * and settings are unchanged, restarts those whose settings changed, and removes loops whose target
 * is gone (with stale markers).
 */
final class ScrapePool {

  private final String jobName;
  private final ScrapeServices services;
  private final Map<Target, ScrapeLoop> loops = new LinkedHashMap<>();

  ScrapePool(String jobName, ScrapeServices services) {
    this.jobName = jobName;
    this.services = services;
  }

  synchronized void apply(ScrapeConfig config) {
    ScrapeSettings settings = ScrapeSettings.of(config);
    List<Target> wanted = Target.fromConfig(config);
    Map<Target, ScrapeLoop> next = new LinkedHashMap<>();
    for (Target t : wanted) {
      ScrapeLoop existing = loops.remove(t);
      if (existing != null && existing.settings().equals(settings)) {
        next.put(t, existing);
        continue;
      }
      if (existing != null) {
        existing.stop(false);
      }
      ScrapeLoop loop = new ScrapeLoop(t, settings, services, existing);
      loop.start();
      next.put(t, loop);
    }
    for (ScrapeLoop removed : loops.values()) {
      removed.stop(true);
    }
    loops.clear();
    loops.putAll(next);
    services.metrics().targets.labels(jobName).set(loops.size());
  }

  /** Stops every loop; stale markers only when the job itself was removed from the config. */
  synchronized void stop(boolean staleMarkers) {
    for (ScrapeLoop loop : loops.values()) {
      loop.stop(staleMarkers);
    }
    loops.clear();
    services.metrics().targets.remove(jobName);
  }

  /** Scrapes every target once now; completes when all results are committed. */
  synchronized CompletableFuture<Void> scrapeNow() {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (ScrapeLoop loop : loops.values()) {
      all.add(loop.scrapeNow());
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }

  synchronized List<TargetMetadata> metadata() {
    List<TargetMetadata> out = new ArrayList<>();
    for (ScrapeLoop loop : loops.values()) {
      out.add(loop.metadata());
    }
    return out;
  }

  synchronized List<TargetStatus> targets() {
    List<TargetStatus> out = new ArrayList<>();
    for (ScrapeLoop loop : loops.values()) {
      out.add(loop.status());
    }
    return out;
  }
}
