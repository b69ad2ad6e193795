package dev.pulse.warehouse;

/** What the engine says about itself: mode ({@code embedded} or {@code server}), version, reachable. */
public record EngineHealth(String mode, String version, boolean reachable, String detail) {}
