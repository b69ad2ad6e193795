package dev.pulse.bench;

import dev.pulse.Pulse;
import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.PartFsync;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code scripts/bench ingest}: rows per second through {@code POST /api/v1/ingest/transactions}
 * (NDJSON, batches of 5 000, 4 concurrent clients) against the engine's own
 * {@code INSERT ... FORMAT JSONEachRow} of the same rows into a scratch table, in one run of one
 * JVM, with the peak heap; the target is a ratio of at least 0.5. After a warm-up of both sides,
 * {@link #ROUNDS} rounds each send fresh rows to the engine and the same rows to the API, with
 * the same concurrency, the first side alternating and each starting once the engine has no merge
 * running; every round is printed, and the ratio compares each side's best round.
 *
 * <p>Pulse runs in this JVM on a fresh embedded warehouse in a temporary folder, so both
 * measurements share the machine, the engine and the heap; the HTTP clients run here too and
 * their cost counts against the API, which makes the ratio a lower bound.
 *
 * <p>Durability: with {@code --fsync both} (the default) the rounds run twice, first with every part
 * synced to disk before its insert returns ({@code pulse.ingest.fsync=true}, Pulse's default), then
 * without; both tables get the same setting each time, so every ratio compares like with like, and
 * the engine's {@code FileSync} counter shows that the setting took effect.
 *
 * <p>Arguments: {@code [rows] [--fsync on|off|both]} (default 200 000, both).
 */
public final class IngestBench {

    static final int BATCH = 5_000;
    static final int CLIENTS = 4;
    static final int ROUNDS = 3;
    static final int WARMUP_PASSES = 14;
    static final List<String> REGIONS = List.of("华北", "东北", "华东", "华中", "华南", "西南", "西北");

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(args));
        List<Boolean> fsyncs = fsyncModes(arguments);
        int rows = !arguments.isEmpty() ? Integer.parseInt(arguments.getFirst().replace("_", "")) : 200_000;
        Path dir = Files.createTempDirectory("pulse-bench-");
        String key = "bench-" + HexFormat.of().formatHex(randomBytes());
        // command-line arguments outrank application.yml and the environment
        String[] settings = {
            "--server.port=0",
            "--pulse.data-dir=" + dir,
            "--pulse.warehouse.data-dir=" + dir.resolve("warehouse"),
            "--pulse.demo.enabled=false",
            "--pulse.security.api-keys=" + key + ":INGEST",
            "--logging.level.root=WARN",
            "--pulse.ingest.fsync=" + fsyncs.getFirst(),
            "--spring.main.banner-mode=off"
        };
        System.out.printf(
                Locale.ROOT,
                "bench ingest: %,d transactions in batches of %,d, %d clients, fsync %s; warehouse in %s%n",
                rows,
                BATCH,
                CLIENTS,
                fsyncs.stream().map(IngestBench::onOff).toList(),
                dir);
        try (ConfigurableApplicationContext context = SpringApplication.run(Pulse.class, settings)) {
            ClickHouseEngine engine = context.getBean(ClickHouseEngine.class);
            String port = context.getEnvironment().getProperty("local.server.port");
            URI endpoint = URI.create("http://localhost:" + port + "/api/v1/ingest/transactions");

            engine.execute("DROP TABLE IF EXISTS bench_scratch");
            engine.execute("CREATE TABLE bench_scratch AS transactions_raw");
            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // the API's path is Java that the JIT compiles as it runs: without a long warm-up the C2 compiler
            // threads took a third of the CPU of the measured rounds on 2 cores (per-thread times in /proc);
            // after 6 passes the JIT still compiled for 0.8-1.3 s in each measured round, after 14 for 0.1-0.3 s
            // (CompilationMXBean). The engine gets the same rows, so both tables stay the same size: merging new
            // parts into a larger table costs more.
            for (int pass = 0; pass < WARMUP_PASSES; pass++) {
                List<byte[]> warmup = batches("warmup-" + pass, 20 * BATCH);
                run(warmup, body -> engine.insert("bench_scratch", ClickHouseEngine.InputFormat.JSON_EACH_ROW, body));
                run(warmup, body -> post(http, endpoint, key, body));
            }
            resetPeaks();
            List<Rates> measured = new ArrayList<>();
            for (boolean fsync : fsyncs) {
                measured.add(measure(engine, fsync, rows, body -> post(http, endpoint, key, body)));
            }
            long peakHeap = peakHeap();
            engine.execute("DROP TABLE IF EXISTS bench_scratch");
            if (measured.size() == 2) {
                Rates on = measured.getFirst();
                Rates off = measured.getLast();
                System.out.printf(
                        Locale.ROOT,
                        "cost of fsync: API %,.0f against %,.0f rows/s (%s), engine %,.0f against %,.0f rows/s (%s)%n",
                        on.api(),
                        off.api(),
                        change(on.api(), off.api()),
                        on.engine(),
                        off.engine(),
                        change(on.engine(), off.engine()));
            }
            System.out.printf(
                    Locale.ROOT,
                    "peak heap: %,d MB (max %,d MB)%n",
                    peakHeap >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
        } finally {
            delete(dir);
        }
    }

    /** Each side's best rate in rows per second. */
    record Rates(double engine, double api) {}

    /** {@link #ROUNDS} rounds with both tables set to {@code fsync}; prints them and returns each side's best rate. */
    private static Rates measure(ClickHouseEngine engine, boolean fsync, int rows, Sender api) throws Exception {
        // both tables, so that both sides pay for the same durability
        PartFsync.apply(engine, fsync);
        long scratchBefore = measuredRows(engine, "bench_scratch");
        long apiBefore = measuredRows(engine, "transactions");
        long syncs = fileSyncs(engine);
        // Each round sends the same fresh rows to both sides, which so hold the same rows all along;
        // the side that goes first alternates, since the other one then shares the machine with the
        // background merges of its inserts. Each side reports its best round.
        double[] engineSeconds = new double[ROUNDS];
        double[] apiSeconds = new double[ROUNDS];
        double[] engineCpu = new double[ROUNDS];
        double[] apiCpu = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            List<byte[]> batches = batches(Long.toHexString(System.nanoTime()), rows);
            for (int side = 0; side < 2; side++) {
                awaitQuiet(engine);
                if ((side + round) % 2 == 0) {
                    engineSeconds[round] = run(
                            batches,
                            body -> engine.insert("bench_scratch", ClickHouseEngine.InputFormat.JSON_EACH_ROW, body));
                    engineCpu[round] = lastCpuSeconds;
                } else {
                    apiSeconds[round] = run(batches, api);
                    apiCpu[round] = lastCpuSeconds;
                }
            }
        }
        syncs = fileSyncs(engine) - syncs;
        long inScratch = measuredRows(engine, "bench_scratch") - scratchBefore;
        long viaApi = measuredRows(engine, "transactions") - apiBefore;
        if (inScratch != (long) rows * ROUNDS || viaApi != (long) rows * ROUNDS) {
            throw new IllegalStateException("expected " + rows * ROUNDS + " new rows, the scratch table has "
                    + inScratch + " and the transactions " + viaApi);
        }
        System.out.printf(
                Locale.ROOT, "fsync %s: the engine synced files %,d times in these rounds%n", onOff(fsync), syncs);
        for (int round = 0; round < ROUNDS; round++) {
            System.out.printf(
                    Locale.ROOT,
                    "round %d: engine %,10.0f rows/s, API %,10.0f rows/s, ratio %.2f;"
                            + " CPU per row: engine %.1f us, API %.1f us (HTTP clients included)%n",
                    round + 1,
                    rows / engineSeconds[round],
                    rows / apiSeconds[round],
                    engineSeconds[round] / apiSeconds[round],
                    engineCpu[round] * 1e6 / rows,
                    apiCpu[round] * 1e6 / rows);
        }
        double engineRate = rows / Arrays.stream(engineSeconds).min().orElseThrow();
        double apiRate = rows / Arrays.stream(apiSeconds).min().orElseThrow();
        double ratio = apiRate / engineRate;
        System.out.printf(
                Locale.ROOT, "engine INSERT ... FORMAT JSONEachRow: %,12.0f rows/s (best of %d)%n", engineRate, ROUNDS);
        System.out.printf(
                Locale.ROOT, "POST /api/v1/ingest/transactions:     %,12.0f rows/s (best of %d)%n", apiRate, ROUNDS);
        System.out.printf(Locale.ROOT, "ratio: %.2f (target >= 0.5: %s)%n", ratio, ratio >= 0.5 ? "met" : "NOT MET");
        return new Rates(engineRate, apiRate);
    }

    /** Removes {@code --fsync on|off|both} from the arguments; the settings to measure, in order. */
    private static List<Boolean> fsyncModes(List<String> arguments) {
        int at = arguments.indexOf("--fsync");
        if (at < 0) {
            return List.of(true, false);
        }
        if (at + 1 >= arguments.size()) {
            throw new IllegalArgumentException("--fsync needs on, off or both");
        }
        String mode = arguments.remove(at + 1);
        arguments.remove(at);
        return switch (mode) {
            case "on" -> List.of(true);
            case "off" -> List.of(false);
            case "both" -> List.of(true, false);
            default -> throw new IllegalArgumentException("--fsync needs on, off or both, not " + mode);
        };
    }

    private static String onOff(boolean fsync) {
        return fsync ? "on" : "off";
    }

    /** Rows of {@code table} (a name of this class, not input) sent in measured rounds. */
    private static long measuredRows(ClickHouseEngine engine, String table) {
        return ((Number) engine.query("SELECT count() FROM " + table + " WHERE event_id NOT LIKE 'warmup-%'")
                        .single())
                .longValue();
    }

    /** The engine's count of fsync calls since it started. */
    private static long fileSyncs(ClickHouseEngine engine) {
        List<List<Object>> rows = engine.query("SELECT value FROM system.events WHERE event = 'FileSync'")
                .rows();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst().getFirst()).longValue();
    }

    /**
     * Waits until the engine merges no parts (at most a minute), so that neither side pays for the
     * background merges of the other's inserts.
     */
    private static void awaitQuiet(ClickHouseEngine engine) throws InterruptedException {
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until
                && ((Number) engine.query("SELECT count() FROM system.merges").single()).longValue() > 0) {
            Thread.sleep(100);
        }
    }

    private static void delete(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[12];
        new java.security.SecureRandom().nextBytes(bytes);
        return bytes;
    }

    /** NDJSON batches of transactions with event ids unique to this run. */
    static List<byte[]> batches(String prefix, int rows) {
        SplittableRandom random = new SplittableRandom(rows);
        Instant now = Instant.now();
        List<byte[]> out = new ArrayList<>();
        StringBuilder batch = new StringBuilder(BATCH * 256);
        for (int i = 1; i <= rows; i++) {
            String region = REGIONS.get(random.nextInt(REGIONS.size()));
            long cents = 100 + random.nextInt(500_000);
            batch.append("{\"event_id\":\"")
                    .append(prefix)
                    .append('-')
                    .append(i)
                    .append("\",\"transaction_id\":\"T")
                    .append(prefix)
                    .append(i)
                    .append("\",\"customer_id\":\"C")
                    .append(random.nextInt(50_000))
                    .append("\",\"ts\":\"")
                    .append(now.minusSeconds(random.nextInt(30 * 86_400)))
                    .append("\",\"amount\":")
                    .append(cents / 100)
                    .append('.')
                    .append(String.format(Locale.ROOT, "%02d", cents % 100))
                    .append(",\"currency\":\"CNY\",\"channel\":\"app\",\"product_category\":\"手机数码\",\"region\":\"")
                    .append(region)
                    .append("\"}\n");
            if (i % BATCH == 0 || i == rows) {
                out.add(batch.toString().getBytes(StandardCharsets.UTF_8));
                batch.setLength(0);
            }
        }
        return out;
    }

    /** Sends every batch with {@link #CLIENTS} threads; returns the seconds it took. */
    static double run(List<byte[]> batches, Sender sender) throws Exception {
        ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>(batches);
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(pool.submit(() -> {
                    for (byte[] body; (body = queue.poll()) != null; ) {
                        sender.send(body);
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastCpuSeconds = (processCpuNanos() - cpu) / 1e9;
        return seconds;
    }

    /** CPU seconds of the last {@link #run}, all threads of this process including the engine's. */
    private static double lastCpuSeconds;

    /** CPU time of this process: on a busy machine CPU per row varies less than rows per second. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void post(HttpClient http, URI endpoint, String key, byte[] body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(endpoint)
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || response.body().contains("\"rejected\":[{")) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": "
                    + response.body().substring(0, Math.min(500, response.body().length())));
        }
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** How much {@code with} differs from {@code without}, in words: "12 % fewer" or "3 % more". */
    private static String change(double with, double without) {
        double percent = 100 * (with / without - 1);
        return String.format(Locale.ROOT, "%.0f %% %s", Math.abs(percent), percent < 0 ? "fewer" : "more");
    }

    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }

    /** Sends one batch somewhere. */
    @FunctionalInterface
    interface Sender {
        void send(byte[] body) throws Exception;
    }
}
