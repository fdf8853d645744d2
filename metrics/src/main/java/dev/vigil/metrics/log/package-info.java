/** The shared binders' single logging hook, which the agent points away from JUL. */
package dev.vigil.metrics.log;
