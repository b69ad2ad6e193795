package dev.pulse.reporting.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.RunStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive list filters runs by scope in SQL: the scopes it asks for are exactly the runs {@code visibleTo} lets through. */
class StoredRunTest {

    static final Caller MANAGER = new Caller("m", Role.REGIONAL_MANAGER, Scope.of(Set.of("西南", "华东")));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "华东      | true",
                "西南      | true",
                "华东,西南 | true",
                "华南      | false",
                "华东,华南 | false",
                "*         | false"
            })
    void aLimitedCallerSeesExactlyTheRunsOfScopesWithinItsOwn(String scope, boolean visible) {
        StoredRun run = new StoredRun(
                new ReportRun(
                        "r",
                        ReportKind.NATIONAL_SUMMARY,
                        null,
                        LocalDate.of(2026, 5, 1),
                        LocalDate.of(2026, 6, 1),
                        "pdf",
                        "x",
                        RunStatus.SUCCEEDED,
                        null,
                        Instant.EPOCH,
                        null,
                        null,
                        null,
                        null),
                Role.EXECUTIVE,
                StoredRun.parseScope(scope));

        assertThat(run.visibleTo(MANAGER)).isEqualTo(visible);
        assertThat(StoredRun.scopesWithin(MANAGER.scope()).contains(scope)).isEqualTo(visible);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"华东 | 1", "华东,西南 | 3", "东北,华东,华南 | 7"})
    void theScopesWithinAreEveryNonEmptySubsetWrittenAsStored(String regions, int count) {
        List<String> scopes = StoredRun.scopesWithin(StoredRun.parseScope(regions));

        assertThat(scopes).hasSize(count).doesNotHaveDuplicates().contains(regions);
        assertThat(scopes)
                .allSatisfy(s ->
                        assertThat(StoredRun.format(StoredRun.parseScope(s))).isEqualTo(s));
    }
}
