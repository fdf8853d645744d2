/**
 * Micrometer binders for process metrics that neither Micrometer core nor Spring Boot provides,
 * shared by the agent and the Spring Boot starter so both expose the same gauges.
 */
package dev.vigil.metrics.process;
