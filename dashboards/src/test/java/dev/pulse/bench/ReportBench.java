package dev.pulse.bench;

import dev.pulse.Pulse;
import dev.pulse.kernel.Caller;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.kernel.Role;
import dev.pulse.kernel.Scope;
import dev.pulse.reporting.PeriodRule;
import dev.pulse.reporting.RegionalReportData;
import dev.pulse.reporting.ReportData;
import dev.pulse.reporting.ReportFile;
import dev.pulse.reporting.ReportKind;
import dev.pulse.reporting.ReportPeriod;
import dev.pulse.reporting.ReportRun;
import dev.pulse.reporting.ReportRuns;
import dev.pulse.reporting.RunRequest;
import dev.pulse.reporting.RunStatus;
import dev.pulse.reporting.data.ReportDataService;
import dev.pulse.reporting.render.ReportRenderer;
import dev.pulse.warehouse.ClickHouseEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code scripts/bench reports}: milliseconds per regional performance report, split into the
 * queries (filling the records through {@link ReportDataService}) and the render (Jasper fill and
 * PDF export through {@link ReportRenderer}), and the wall time of a burst of every region the way
 * the scheduler produces it ({@link ReportRuns#runNow} and the archived file, region after region,
 * without the mail); the targets are under 2 s per report and under 15 s per 7-region burst.
 *
 * <p>Pulse runs in this JVM on a fresh embedded warehouse in a temporary folder, loaded with the
 * demo data through the ingestion path, with the metric result cache off so that every round runs
 * its queries on the engine; the report covers the previous calendar month.
 *
 * <p>Arguments: {@code [scale] [rounds]} (default 0.1 of the demo data set, 5 rounds after one warm-up round).
 */
public final class ReportBench {

    static final double REPORT_TARGET_MS = 2_000;
    static final double BURST_TARGET_MS = 15_000;

    private ReportBench() {}

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 0.1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("pulse-bench-");
        // command-line arguments outrank application.yml and the environment
        String[] settings = {
            "--server.port=0",
            "--pulse.data-dir=" + dir,
            "--pulse.warehouse.data-dir=" + dir.resolve("warehouse"),
            "--pulse.demo.enabled=true",
            "--pulse.demo.scale=" + scale,
            "--pulse.reporting.scheduler-enabled=false",
            // every round must reach the engine, as a burst on new data does, not the metric result cache
            "--pulse.metrics.cache-size=0",
            "--logging.level.root=WARN",
            "--spring.main.banner-mode=off"
        };
        System.out.printf(
                Locale.ROOT,
                "bench reports: demo data at scale %s, 1 warm-up round and %d rounds; warehouse in %s%n",
                scale,
                rounds,
                dir);
        try (ConfigurableApplicationContext context = SpringApplication.run(Pulse.class, settings)) {
            long loadStart = System.nanoTime();
            awaitDemoData();
            ClickHouseEngine engine = context.getBean(ClickHouseEngine.class);
            awaitMerges(engine);
            long transactions =
                    ((Number) engine.query("SELECT count() FROM transactions").single()).longValue();
            if (transactions == 0) {
                throw new IllegalStateException("the demo data did not load; see the log above");
            }
            System.out.printf(
                    Locale.ROOT,
                    "demo data: %,d transactions among the rows; waited %.1f s after start-up for the load and its merges%n",
                    transactions,
                    (System.nanoTime() - loadStart) / 1e9);

            PulseSettings pulse = context.getBean(PulseSettings.class);
            ReportDataService data = context.getBean(ReportDataService.class);
            ReportRenderer renderer = context.getBean(ReportRenderer.class);
            ReportRuns runs = context.getBean(ReportRuns.class);
            ReportPeriod period = PeriodRule.PREVIOUS_MONTH.period(LocalDate.now(pulse.timezone()));
            System.out.printf(
                    Locale.ROOT,
                    "period: %s, %d regions%n%n",
                    period.label(),
                    pulse.regions().size());

            Map<String, Samples> byRegion = new LinkedHashMap<>();
            pulse.regions().forEach(region -> byRegion.put(region, new Samples()));
            Samples all = new Samples();
            for (int round = 0; round <= rounds; round++) {
                for (String region : pulse.regions()) {
                    Caller caller = regionalCaller(region);
                    long start = System.nanoTime();
                    ReportData<RegionalReportData> report = data.regional(caller, region, period);
                    long queried = System.nanoTime();
                    byte[] pdf = renderer.regional(report.data());
                    long rendered = System.nanoTime();
                    if (pdf.length < 1_000) {
                        throw new IllegalStateException("the " + region + " PDF has only " + pdf.length + " bytes");
                    }
                    if (round > 0) { // round 0 warms the JIT, the templates and the engine's caches
                        for (Samples samples : List.of(byRegion.get(region), all)) {
                            samples.add((queried - start) / 1e6, (rendered - queried) / 1e6, (rendered - start) / 1e6);
                        }
                    }
                }
            }

            System.out.printf(Locale.ROOT, "%-8s %21s %21s %21s%n", "region", "queries ms", "render ms", "total ms");
            System.out.printf(
                    Locale.ROOT,
                    "%-8s %10s %10s %10s %10s %10s %10s%n",
                    "",
                    "median",
                    "p95",
                    "median",
                    "p95",
                    "median",
                    "p95");
            byRegion.forEach((region, samples) -> samples.print(region));
            all.print("all");
            System.out.printf(
                    Locale.ROOT,
                    "(%d reports per region, %d in all; p95 by nearest rank, so a region's p95 of few reports is its slowest)%n",
                    rounds,
                    rounds * pulse.regions().size());

            double burstMs = burst(runs, pulse.regions(), period);
            double ratio = all.render.median() / all.queries.median();
            double report = all.total.median();
            System.out.printf(Locale.ROOT, "%nrender / queries (medians): %.2f%n", ratio);
            System.out.printf(
                    Locale.ROOT,
                    "burst of %d regions (runNow + archived file each, no mail): %,.0f ms%n",
                    pulse.regions().size(),
                    burstMs);
            System.out.printf(
                    Locale.ROOT,
                    "one regional report < 2 s: %s (median %,.0f ms, p95 %,.0f ms)%n",
                    all.total.p95() < REPORT_TARGET_MS
                            ? "met"
                            : report < REPORT_TARGET_MS ? "met at the median, NOT at p95" : "NOT MET",
                    report,
                    all.total.p95());
            System.out.printf(
                    Locale.ROOT, "7-region burst < 15 s: %s%n", burstMs < BURST_TARGET_MS ? "met" : "NOT MET");
            System.out.printf(
                    Locale.ROOT, "cores available: %d%n", Runtime.getRuntime().availableProcessors());
        } finally {
            delete(dir);
        }
    }

    /** The caller the scheduler computes a region's report as: the schedule's creator, narrowed to that region. */
    private static Caller regionalCaller(String region) {
        return new Caller("bench", Role.ADMIN, Scope.of(Set.of(region)));
    }

    /** One burst as the scheduler runs it, region after region, minus the SMTP step; returns milliseconds. */
    private static double burst(ReportRuns runs, List<String> regions, ReportPeriod period) {
        long start = System.nanoTime();
        for (String region : regions) {
            Caller caller = regionalCaller(region);
            ReportRun run = runs.runNow(
                    caller, new RunRequest(ReportKind.REGIONAL_PERFORMANCE, region, period.from(), period.to(), "pdf"));
            if (run.status() != RunStatus.SUCCEEDED) {
                throw new IllegalStateException(
                        "report run " + run.id() + " for " + region + " failed: " + run.error());
            }
            ReportFile file = runs.file(caller, run.id());
            if (!Files.isRegularFile(file.path())) {
                throw new IllegalStateException("report run " + run.id() + " left no file at " + file.path());
            }
        }
        return (System.nanoTime() - start) / 1e6;
    }

    /** Waits for the demo loader's background thread, which the application starts when it is ready. */
    private static void awaitDemoData() throws InterruptedException {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("pulse-demo-data")) {
                thread.join();
            }
        }
    }

    /**
     * Waits up to a minute for the merges the load set off, so they neither slow the rounds down nor
     * race the first reports (a read once met a part a merge had just removed).
     */
    private static void awaitMerges(ClickHouseEngine engine) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (((Number) engine.query("SELECT count() FROM system.merges").single()).longValue() > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The label padded to 8 terminal columns; a Chinese character takes two. */
    private static String pad(String label) {
        int columns = label.codePoints().map(c -> c >= 0x2E80 ? 2 : 1).sum();
        return label + " ".repeat(Math.max(0, 8 - columns));
    }

    /** Milliseconds of one region's reports, or of all of them. */
    private static final class Samples {
        final Series queries = new Series();
        final Series render = new Series();
        final Series total = new Series();

        void add(double queryMs, double renderMs, double totalMs) {
            queries.values.add(queryMs);
            render.values.add(renderMs);
            total.values.add(totalMs);
        }

        void print(String label) {
            System.out.printf(
                    Locale.ROOT,
                    "%s %,10.0f %,10.0f %,10.0f %,10.0f %,10.0f %,10.0f%n",
                    pad(label),
                    queries.median(),
                    queries.p95(),
                    render.median(),
                    render.p95(),
                    total.median(),
                    total.p95());
        }
    }

    /** One measured quantity; percentiles by nearest rank. */
    private static final class Series {
        final List<Double> values = new ArrayList<>();

        double median() {
            return percentile(50);
        }

        double p95() {
            return percentile(95);
        }

        private double percentile(int p) {
            List<Double> sorted = values.stream().sorted().toList();
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }
}
