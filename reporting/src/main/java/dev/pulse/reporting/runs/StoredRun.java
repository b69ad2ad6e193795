package dev.pulse.reporting.runs;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ReportRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A run as stored, with the caller it runs as and the scope its numbers were computed under. */
record StoredRun(ReportRun run, Role role, Scope scope) {

    /** Who the run computes as: the requester, limited to the run's scope. */
    Caller caller() {
        return new Caller(run.requestedBy(), role, scope);
    }

    /** Whether {@code caller} may see this run: its scope must cover the run's. */
    boolean visibleTo(Caller caller) {
        Scope theirs = caller.scope();
        return theirs.all() || (!scope.all() && theirs.regions().containsAll(scope.regions()));
    }

    /** {@code *} for every region, else the regions separated by commas. */
    static String format(Scope scope) {
        return scope.all() ? "*" : String.join(",", scope.regions());
    }

    /**
     * Every limited scope {@code caller} covers, written as {@link #format} writes it: the non-empty
     * subsets of its regions (a caller has a handful of regions, so at most a few hundred).
     */
    static List<String> scopesWithin(Scope caller) {
        List<String> regions = List.copyOf(caller.regions());
        if (regions.size() > 10) {
            throw new IllegalArgumentException("a limited scope of more than 10 regions");
        }
        List<String> scopes = new ArrayList<>();
        for (int mask = 1; mask < 1 << regions.size(); mask++) {
            Set<String> subset = new TreeSet<>();
            for (int i = 0; i < regions.size(); i++) {
                if ((mask & 1 << i) != 0) {
                    subset.add(regions.get(i));
                }
            }
            scopes.add(format(Scope.of(subset)));
        }
        return scopes;
    }

    static Scope parseScope(String text) {
        return "*".equals(text)
                ? Scope.ALL
                : Scope.of(Arrays.stream(text.split(",")).collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    static Scope only(String region) {
        return Scope.of(Set.of(region));
    }
}
