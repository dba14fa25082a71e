package dev.trellis.processor.model;

import java.util.Optional;

/**
 * One entry of a deployment's configuration, as the manifest lists it.
 *
 * @param key the entry's key: a record component or constructor parameter name
 * @param defaultValue its {@code @Default}, already written as a YAML scalar; empty without one
 */
public record ConfigEntry(String key, Optional<String> defaultValue) {}
