package dev.pulse.bench;

import dev.pulse.warehouse.ClickHouseEngine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Wall-clock samples of one measured action, in milliseconds, with their percentiles. */
final class Timings {

    private final List<Double> millis = new ArrayList<>();

    /** Something timed; may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    /** Runs the action and keeps its time when {@code measured} (warm-up runs are not kept). */
    void time(boolean measured, Action action) throws Exception {
        long start = System.nanoTime();
        action.run();
        if (measured) {
            millis.add((System.nanoTime() - start) / 1e6);
        }
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    double percentile(double p) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    /** The rows of the printed result: one per request, with PostgreSQL added once it has run. */
    static final class Table {

        private record Row(
                QueryBench.Case request,
                int statements,
                Timings api,
                Timings engine,
                Timings cached,
                Timings compileCached,
                Timings compileUncached) {}

        private final List<Row> rows = new ArrayList<>();
        private final List<Double> postgres = new ArrayList<>();
        private String postgresNote = "";

        void add(
                QueryBench.Case request,
                int statements,
                Timings api,
                Timings engine,
                Timings cached,
                Timings compileCached,
                Timings compileUncached) {
            rows.add(new Row(request, statements, api, engine, cached, compileCached, compileUncached));
        }

        /** Loads the same rows into a scratch schema of the local PostgreSQL and times the hand-written queries. */
        void postgres(ClickHouseEngine engine, Path dir, int runs) throws Exception {
            String url = System.getenv().getOrDefault("PULSE_BENCH_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test");
            PostgresPeer peer;
            try {
                peer = PostgresPeer.connect(url, System.getenv().getOrDefault("PULSE_BENCH_PG_USER", "postgres"));
            } catch (java.sql.SQLException e) {
                postgresNote = "PostgreSQL at " + url + " is unreachable (" + e.getMessage() + "): not compared";
                return;
            }
            try (peer) {
                Files.createDirectories(dir);
                long start = System.nanoTime();
                long copied = peer.load(engine, dir);
                postgresNote = String.format(
                        Locale.ROOT,
                        "PostgreSQL (%s, scratch schema, dropped afterwards): %,d rows copied in %.0f s",
                        url,
                        copied,
                        (System.nanoTime() - start) / 1e9);
                for (Row row : rows) {
                    QueryBench.Case c = row.request();
                    Timings pg = new Timings();
                    for (int i = -1; i < runs; i++) {
                        pg.time(i >= 0, () -> peer.run(c.name(), c.from(), c.to(), c.previousFrom()));
                    }
                    postgres.add(pg.percentile(50));
                }
            }
        }

        void print(PrintStream out) {
            out.println();
            out.println(
                    "times in ms; API = POST /api/v1/query over HTTP, EXECUTIVE key, result cache bypassed; engine = the same");
            out.println(
                    "compiled SQL and parameters through ClickHouseEngine.query; target: API p50 <= 1.2 x engine p50 + 5 ms;");
            out.println(
                    "compile = validate + plan + Calcite compile of every statement (Metrics.explain), median, with/without plan cache");
            out.println();
            out.printf(
                    Locale.ROOT,
                    "%-34s %3s %8s %8s %8s %8s %6s %8s %8s %8s %9s %8s%n",
                    "request",
                    "st",
                    "API p50",
                    "API p95",
                    "eng p50",
                    "eng p95",
                    "target",
                    "cached",
                    "compile",
                    "no cache",
                    "PG p50",
                    "PG/API");
            int met = 0;
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                double api = r.api().percentile(50);
                double engine = r.engine().percentile(50);
                boolean ok = api <= 1.2 * engine + 5;
                met += ok ? 1 : 0;
                String pg = i < postgres.size()
                        ? String.format(Locale.ROOT, "%9.1f %8.2f", postgres.get(i), postgres.get(i) / api)
                        : String.format("%9s %8s", "-", "-");
                out.printf(
                        Locale.ROOT,
                        "%-34s %3d %8.1f %8.1f %8.1f %8.1f %6s %8.2f %8.2f %8.2f %s%n",
                        r.request().name(),
                        r.statements(),
                        api,
                        r.api().percentile(95),
                        engine,
                        r.engine().percentile(95),
                        ok ? "met" : "MISSED",
                        r.cached().percentile(50),
                        r.compileCached().percentile(50),
                        r.compileUncached().percentile(50),
                        pg);
            }
            out.println();
            out.printf(Locale.ROOT, "target met by %d of %d requests%n", met, rows.size());
            out.println(postgresNote);
        }
    }
}
