package dev.vigil.spring.autoconfigure;

import java.util.function.Predicate;

/**
 * One Boot property the starter defaults, with the {@code vigil.*} switch that turns that default
 * off.
 */
record DefaultProperty(String key, String value, Predicate<VigilProperties> enabled) {}
