package dev.pulse.reporting.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.RegionNotAllowedException;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.RunNotFoundException;
import dev.pulse.reporting.RunNotReadyException;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.SeedData;
import dev.pulse.warehouse.ClickHouseEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipInputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Report runs on the seeded warehouse and the H2 operational database: produce, archive, scope, recover. */
@SpringBootTest
class ReportRunsIT {

    static final LocalDate MAY = LocalDate.of(2026, 5, 1);
    static final LocalDate JUNE = LocalDate.of(2026, 6, 1);
    static final Caller EXECUTIVE = new Caller("exec", Role.EXECUTIVE, Scope.ALL);
    static final Caller EAST = new Caller("li", Role.REGIONAL_MANAGER, Scope.of(Set.of("华东")));
    static final Caller SOUTHWEST = new Caller("wang", Role.REGIONAL_MANAGER, Scope.of(Set.of("西南")));

    @Autowired
    ClickHouseEngine engine;

    @Autowired
    ReportRunService runs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Retention retention;

    @BeforeEach
    void seed() {
        SeedData.load(engine);
    }

    @Test
    void aRegionalRunIsRenderedAndArchivedWithItsSqlWatermarkAndDigest() throws IOException {
        ReportRun queued = runs.start(EXECUTIVE, regional("华东"));
        assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);

        ReportRun done = awaitFinished(EXECUTIVE, queued.id());
        assertThat(done.status()).as(done.error()).isEqualTo(RunStatus.SUCCEEDED);

        ReportFile file = runs.file(EXECUTIVE, queued.id());
        byte[] pdf = Files.readAllBytes(file.path());
        assertThat(file.name()).isEqualTo("区域经营报告-华东-2026-05-01_2026-05-31.pdf");
        assertThat(file.sha256()).isEqualTo(ReportFiles.sha256(pdf)).isEqualTo(done.sha256());
        assertThat(done.sizeBytes()).isEqualTo(pdf.length);
        assertThat(text(pdf)).contains("华东", "2026-05-01 至 2026-05-31");

        Map<String, Object> archive = jdbc.sql("SELECT * FROM report_archive WHERE run_id = :id")
                .param("id", queued.id())
                .query()
                .singleRow();
        assertThat(archive.get("report")).isEqualTo("regional-performance");
        assertThat(archive.get("region")).isEqualTo("华东");
        assertThat((String) archive.get("parameters"))
                .contains("\"region\":\"华东\"", "\"from\":\"2026-05-01\"", "\"scope\":\"华东\"");
        assertThat(String.valueOf(archive.get("sql_text"))).contains("SELECT", "survey_responses", "transactions");
        assertThat((String) archive.get("watermark")).isNotBlank();
        assertThat(archive.get("file_path")).isEqualTo(file.path().toString());
    }

    @Test
    void theArchiveListsAndShowsARegionalManagerOnlyTheRunsOfTheirRegions() {
        ReportRun east = runs.runNow(EXECUTIVE, regional("华东"));
        ReportRun southwest = runs.runNow(EXECUTIVE, regional("西南"));

        assertThat(runs.list(EAST, null, 1000))
                .extracting(ReportRun::id)
                .contains(east.id())
                .doesNotContain(southwest.id());
        assertThat(runs.list(EAST, null, 1000))
                .allSatisfy(r -> assertThat(r.region()).isIn("华东", null));
        assertThat(runs.list(EXECUTIVE, "西南", 1000))
                .extracting(ReportRun::id)
                .contains(southwest.id())
                .doesNotContain(east.id());
        assertThat(runs.list(EXECUTIVE, null, 1)).hasSize(1);
        assertThat(runs.archived(EAST, east.id())).hasValueSatisfying(a -> {
            assertThat(a.sha256()).isEqualTo(east.sha256());
            assertThat(a.parameters()).contains("\"region\":\"华东\"");
            assertThat(a.sql()).contains("SELECT");
            assertThat(a.watermark()).isNotBlank();
            assertThat(a.fileDeletedAt()).isNull();
        });
        assertThat(runs.archived(EAST, southwest.id()))
                .as("another region's record does not exist")
                .isEmpty();
    }

    @Test
    void anXlsxRunIsTheSameReportArchivedAsAWorkbook() throws IOException {
        ReportRun run = runs.runNow(EAST, new RunRequest(ReportKind.REGIONAL_PERFORMANCE, "华东", MAY, JUNE, "xlsx"));
        assertThat(run.status()).as(run.error()).isEqualTo(RunStatus.SUCCEEDED);

        ReportFile file = runs.file(EAST, run.id());
        byte[] xlsx = Files.readAllBytes(file.path());

        assertThat(file.name()).isEqualTo("区域经营报告-华东-2026-05-01_2026-05-31.xlsx");
        assertThat(file.mediaType()).isEqualTo("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(file.sha256()).isEqualTo(ReportFiles.sha256(xlsx)).isEqualTo(run.sha256());
        StringBuilder sheets = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().startsWith("xl/")) {
                    sheets.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        assertThat(sheets).contains("华东", "2026-05-01 至 2026-05-31", "净推荐值 NPS");
    }

    @Test
    void aRegionalManagerRunsAndSeesOnlyTheirOwnRegion() {
        assertThatThrownBy(() -> runs.start(EAST, regional("西南")))
                .isInstanceOfSatisfying(
                        RegionNotAllowedException.class,
                        e -> assertThat(e.region()).isEqualTo("西南"));

        ReportRun own = runs.start(EAST, regional("华东"));
        awaitFinished(EAST, own.id());

        assertThat(runs.find(EAST, own.id())).isPresent();
        assertThat(runs.find(EXECUTIVE, own.id())).isPresent();
        assertThat(runs.find(SOUTHWEST, own.id())).isEmpty();
        assertThatThrownBy(() -> runs.file(SOUTHWEST, own.id())).isInstanceOf(RunNotFoundException.class);
        assertThat(runs.file(EAST, own.id()).path()).exists();
    }

    @Test
    void anArchivedRunIsRenderedAgainOnDemandWithItsParameters() {
        ReportRun first = awaitFinished(EAST, runs.start(EAST, regional("华东")).id());

        ReportRun again = awaitFinished(EAST, runs.rerun(EAST, first.id()).id());

        assertThat(again.id()).isNotEqualTo(first.id());
        assertThat(again.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(List.of(again.report(), again.region(), again.from(), again.to()))
                .containsExactly(first.report(), first.region(), first.from(), first.to());
        assertThat(runs.file(EAST, again.id()).path())
                .isNotEqualTo(runs.file(EAST, first.id()).path());
        assertThatThrownBy(() -> runs.rerun(SOUTHWEST, first.id())).isInstanceOf(RunNotFoundException.class);
    }

    @Test
    void filesOlderThanTheRetentionAreDeletedAndTheirArchiveRowsKept() {
        ReportRun old =
                awaitFinished(EXECUTIVE, runs.start(EXECUTIVE, regional("西南")).id());
        ReportRun recent =
                awaitFinished(EXECUTIVE, runs.start(EXECUTIVE, regional("西南")).id());
        java.nio.file.Path oldFile = runs.file(EXECUTIVE, old.id()).path();
        jdbc.sql("UPDATE report_archive SET created_at = :then WHERE run_id = :id")
                .param("then", Instant.now().minus(Duration.ofDays(400)).atOffset(java.time.ZoneOffset.UTC))
                .param("id", old.id())
                .update();

        assertThat(retention.purge(Instant.now()))
                .as("files past retention, this one among them")
                .isPositive();

        assertThat(oldFile).doesNotExist();
        assertThatThrownBy(() -> runs.file(EXECUTIVE, old.id()))
                .isInstanceOf(dev.pulse.reporting.ReportFileExpiredException.class);
        assertThat(jdbc.sql("SELECT sha256 FROM report_archive WHERE run_id = :id")
                        .param("id", old.id())
                        .query(String.class)
                        .single())
                .isEqualTo(old.sha256());
        assertThat(runs.file(EXECUTIVE, recent.id()).path()).exists();
        assertThat(retention.purge(Instant.now())).isZero();
    }

    @Test
    void aNationalSummaryIsComputedUnderTheRequestersScope() throws IOException {
        ReportRun national = runs.start(EAST, new RunRequest(ReportKind.NATIONAL_SUMMARY, null, MAY, JUNE, "pdf"));
        assertThat(awaitFinished(EAST, national.id()).status()).isEqualTo(RunStatus.SUCCEEDED);

        String text = text(Files.readAllBytes(runs.file(EAST, national.id()).path()));
        assertThat(text).contains("华东").doesNotContain("西南", "华北");
        assertThat(runs.find(SOUTHWEST, national.id())).isEmpty();
        assertThat(runs.find(EXECUTIVE, national.id())).isPresent();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "regional-performance, null,  2026-05-01, 2026-06-01, pdf,  region",
                "regional-performance, 火星,  2026-05-01, 2026-06-01, pdf,  region",
                "regional-performance, 华东,  2026-06-01, 2026-05-01, pdf,  to",
                "regional-performance, 华东,  null,       2026-06-01, pdf,  from",
                "regional-performance, 华东,  2025-01-01, 2026-06-01, pdf,  to",
                "regional-performance, 华东,  2026-05-01, 2026-06-01, docx, format",
                "national-summary,     华东,  2026-05-01, 2026-06-01, pdf,  region"
            })
    void invalidRequestsNameTheirField(
            String report, String region, LocalDate from, LocalDate to, String format, String field) {
        RunRequest request = new RunRequest(ReportKind.of(report).orElseThrow(), region, from, to, format);

        assertThatThrownBy(() -> runs.start(EXECUTIVE, request))
                .isInstanceOfSatisfying(
                        InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void runsAStoppedProcessLeftUnfinishedAreResumedAndFailuresAreRecorded() {
        String interrupted = insertRun("华东", RunStatus.RUNNING);
        String broken = insertRun("火星", RunStatus.QUEUED);

        runs.recover();

        assertThat(awaitFinished(EXECUTIVE, interrupted).status()).isEqualTo(RunStatus.SUCCEEDED);
        ReportRun failed = awaitFinished(EXECUTIVE, broken);
        assertThat(failed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(failed.error()).contains("火星");
        assertThatThrownBy(() -> runs.file(EXECUTIVE, broken))
                .isInstanceOfSatisfying(
                        RunNotReadyException.class, e -> assertThat(e.status()).isEqualTo(RunStatus.FAILED));
        assertThat(jdbc.sql("SELECT attempts FROM report_runs WHERE id = :id")
                        .param("id", interrupted)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aRunIsProducedOnceEvenWhenExecutedTwice() {
        String id = insertRun("西南", RunStatus.QUEUED);

        runs.execute(id);
        runs.execute(id);

        assertThat(runs.find(EXECUTIVE, id).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM report_archive WHERE run_id = :id")
                        .param("id", id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    private static RunRequest regional(String region) {
        return new RunRequest(ReportKind.REGIONAL_PERFORMANCE, region, MAY, JUNE, "pdf");
    }

    private String insertRun(String region, RunStatus status) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("""
                INSERT INTO report_runs (id, report, region, period_from, period_to, format, requested_by, caller_role,
                                         scope, status, created_at)
                VALUES (:id, 'regional-performance', :region, DATE '2026-05-01', DATE '2026-06-01', 'pdf', 'exec',
                        'EXECUTIVE', :region, :status, :now)
                """)
                .param("id", id)
                .param("region", region)
                .param("status", status.name())
                .param("now", Instant.now().atOffset(java.time.ZoneOffset.UTC))
                .update();
        return id;
    }

    private ReportRun awaitFinished(Caller caller, String id) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> runs.find(caller, id).orElseThrow(),
                        run -> run.status() == RunStatus.SUCCEEDED || run.status() == RunStatus.FAILED);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }
}
