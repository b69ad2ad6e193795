package dev.pulse.reporting.runs;

import dev.pulse.reporting.ReportRun;
import dev.pulse.warehouse.Caller;
import dev.pulse.warehouse.Role;
import dev.pulse.warehouse.Scope;
import java.util.Arrays;
import java.util.Set;
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

    static Scope parseScope(String text) {
        return "*".equals(text) ? Scope.ALL
                : Scope.of(Arrays.stream(text.split(",")).collect(Collectors.toCollection(java.util.TreeSet::new)));
    }

    static Scope only(String region) {
        return Scope.of(Set.of(region));
    }
}
