/**
 * Micrometer binders for process metrics that neither Micrometer core nor Spring Boot provides.
 *
 * <p>They are plain {@link io.micrometer.core.instrument.binder.MeterBinder}s with no Spring types,
 * so they can move to the shared {@code vigil-metrics} module when the agent needs them too.
 */
package dev.vigil.spring.metrics;
