package dev.pulse.kernel;

import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The regions whose rows a caller may see: all of them, or a fixed set. Every query is compiled
 * under one scope; there is no way around it.
 */
public record Scope(boolean all, SortedSet<String> regions) {

    /** Every region. */
    public static final Scope ALL = new Scope(true, new TreeSet<>());

    public Scope {
        regions = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(regions));
        if (!all && regions.isEmpty()) {
            throw new IllegalArgumentException("a limited scope needs at least one region");
        }
    }

    /** Only the given regions. */
    public static Scope of(Set<String> regions) {
        return new Scope(false, new TreeSet<>(regions));
    }

    /** Whether rows of {@code region} are visible. */
    public boolean allows(String region) {
        return all || regions.contains(region);
    }
}
