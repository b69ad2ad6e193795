package dev.pulse.warehouse.engine;

import dev.pulse.warehouse.ClickHouseEngine;
import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.EngineHealth;
import dev.pulse.warehouse.QueryResult;
import dev.pulse.warehouse.WarehouseSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * ClickHouse in this process: libchdb through {@code java.lang.foreign}, a fixed pool of
 * connections on one storage path, so queries run concurrently; calls from virtual threads run on
 * platform threads of their own, so that a long query cannot pin a carrier.
 *
 * <p>The engine allows one storage path per process; opening a second path while the first is
 * open fails with a clear message instead of a crash.
 */
public final class EmbeddedEngine implements ClickHouseEngine {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Object LOCK = new Object();
    private static ChdbLibrary library;
    private static Path openPath;
    private static int openEngines;

    private final Path path;
    private final List<ChdbLibrary.Connection> all = new ArrayList<>();
    private final BlockingQueue<ChdbLibrary.Connection> idle;
    private final long borrowTimeoutMillis;
    private final ExecutorService nativeThreads;
    private volatile boolean closed;

    /**
     * Opens the engine on {@code settings.dataDir()} with {@code settings.pool()} connections and
     * creates the configured database.
     *
     * @param settings must not be null
     */
    public EmbeddedEngine(WarehouseSettings settings) {
        this.path = settings.dataDir().toAbsolutePath().normalize();
        int size = Math.max(1, settings.pool());
        this.idle = new ArrayBlockingQueue<>(size);
        this.borrowTimeoutMillis = settings.maxExecutionTime().toMillis() + 5_000;
        this.nativeThreads = Executors.newFixedThreadPool(
                size, Thread.ofPlatform().daemon().name("chdb-", 0).factory());
        ChdbLibrary lib = open(settings.libraryPath(), path);
        try {
            Files.createDirectories(path);
            List<String> setup = List.of(
                    "CREATE DATABASE IF NOT EXISTS `" + database(settings) + "`",
                    "USE `" + database(settings) + "`",
                    "SET max_memory_usage = " + settings.maxMemoryUsage(),
                    "SET max_execution_time = "
                            + Math.max(1, settings.maxExecutionTime().toSeconds()),
                    "SET session_timezone = 'UTC'");
            for (int i = 0; i < size; i++) {
                ChdbLibrary.Connection connection = lib.connect(List.of("--path=" + path));
                all.add(connection);
                for (String statement : setup) {
                    lib.query(connection, statement.getBytes(StandardCharsets.UTF_8), "TSV");
                }
                idle.add(connection);
            }
        } catch (IOException | RuntimeException e) {
            close();
            if (e instanceof EngineException engineException) {
                throw engineException;
            }
            throw new EngineException("cannot open the embedded engine at " + path, e);
        }
    }

    private static String database(WarehouseSettings settings) {
        if (!TABLE.matcher(settings.database()).matches()) {
            throw new EngineException(0, "pulse.warehouse.database must be a plain name: " + settings.database());
        }
        return settings.database();
    }

    private static ChdbLibrary open(Path libraryPath, Path path) {
        synchronized (LOCK) {
            if (openPath != null && !openPath.equals(path)) {
                throw new EngineUnavailableException("The embedded engine is open on " + openPath
                        + "; one process can use one storage path, not also " + path);
            }
            if (library == null) {
                library = new ChdbLibrary(EngineLibrary.verify(libraryPath));
            }
            openPath = path;
            openEngines++;
            return library;
        }
    }

    @Override
    public void execute(String sql) {
        run(connection -> library.query(connection, sql.getBytes(StandardCharsets.UTF_8), "TSV"));
    }

    @Override
    public QueryResult query(String sql, Map<String, ?> params) {
        ChdbLibrary.Output output = run(connection -> {
            if (params.isEmpty()) {
                return library.query(connection, sql.getBytes(StandardCharsets.UTF_8), JsonCompactReader.FORMAT);
            }
            Params.Bound bound = Params.bind(params);
            return library.query(connection, sql, JsonCompactReader.FORMAT, bound.names(), bound.values());
        });
        return JsonCompactReader.read(output.bytes(), output.stats());
    }

    @Override
    public void insert(String table, InputFormat format, byte[] data) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("not a table name: " + table);
        }
        ByteArrayOutputStream statement = new ByteArrayOutputStream(data.length + 64);
        statement.writeBytes(("INSERT INTO `" + table + "` FORMAT " + format.clickHouseName() + "\n")
                .getBytes(StandardCharsets.UTF_8));
        statement.writeBytes(data);
        byte[] bytes = statement.toByteArray();
        run(connection -> library.query(connection, bytes, "TSV"));
    }

    /** The storage path is this process's alone: the engine locks it, and a second process cannot open it. */
    @Override
    public boolean soleWriter() {
        return true;
    }

    @Override
    public EngineHealth health() {
        try {
            Object version = query("SELECT version()").single();
            return new EngineHealth("embedded", String.valueOf(version), true, path.toString());
        } catch (RuntimeException e) {
            return new EngineHealth("embedded", "unknown", false, e.getMessage());
        }
    }

    private <T> T run(Work<T> work) {
        if (closed) {
            throw new EngineException(0, "the embedded engine is closed");
        }
        ChdbLibrary.Connection connection;
        try {
            connection = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for an engine connection", e);
        }
        if (connection == null) {
            throw new EngineException(0, "every engine connection stayed busy for " + borrowTimeoutMillis + " ms");
        }
        try {
            return Thread.currentThread().isVirtual() ? onPlatformThread(work, connection) : work.on(connection);
        } catch (EngineException e) {
            if (e.code() != 0) {
                discardLeftover(connection);
            }
            throw e;
        } finally {
            idle.add(connection);
        }
    }

    /**
     * A virtual thread in a native call pins its carrier, and there are as many carriers as cores:
     * two long queries on two cores would stop every other request of the application. The call
     * runs on one of {@code pool} platform threads while the virtual thread waits, unmounted.
     * An interrupted caller still waits for the call, which owns the connection until it returns.
     */
    private <T> T onPlatformThread(Work<T> work, ChdbLibrary.Connection connection) {
        Future<T> call = nativeThreads.submit(() -> work.on(connection));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return call.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw new EngineException("the engine call failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * chDB keeps what a failed query had printed (a result header, say) and puts it before the next
     * answer on the same connection, which then cannot be read; a throw-away query takes it.
     */
    private static void discardLeftover(ChdbLibrary.Connection connection) {
        try {
            library.query(connection, "SELECT 1".getBytes(StandardCharsets.UTF_8), "TSV");
        } catch (RuntimeException ignored) {
            // the next query on this connection reports whatever is wrong with it
        }
    }

    @Override
    public void close() {
        synchronized (LOCK) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < all.size(); i++) {
                try {
                    ChdbLibrary.Connection connection = idle.poll(borrowTimeoutMillis, TimeUnit.MILLISECONDS);
                    if (connection != null) {
                        library.close(connection);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            nativeThreads.shutdown();
            if (library != null && --openEngines == 0) {
                openPath = null;
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T on(ChdbLibrary.Connection connection);
    }
}
