package dev.pulse.warehouse.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.pulse.warehouse.EngineException;
import dev.pulse.warehouse.QueryResult;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The C API of libchdb, bound with {@code java.lang.foreign}; one instance per process.
 *
 * <p>The library installs crash handlers over the JVM's unless told not to before the first
 * connection, so the constructor switches them off first.
 */
final class ChdbLibrary {

    private static final Linker LINKER = Linker.nativeLinker();

    private final SignalHandlers jvmHandlers;
    private final MethodHandle connect;
    private final MethodHandle closeConn;
    private final MethodHandle queryN;
    private final MethodHandle queryWithParams;
    private final MethodHandle resultBuffer;
    private final MethodHandle resultLength;
    private final MethodHandle resultError;
    private final MethodHandle resultRowsRead;
    private final MethodHandle resultBytesRead;
    private final MethodHandle resultElapsed;
    private final MethodHandle destroyResult;

    ChdbLibrary(Path library) {
        jvmHandlers = SignalHandlers.save();
        SymbolLookup lookup = SymbolLookup.libraryLookup(library, Arena.global());
        connect = handle(lookup, "chdb_connect", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS));
        closeConn = handle(lookup, "chdb_close_conn", FunctionDescriptor.ofVoid(ADDRESS));
        queryN = handle(
                lookup,
                "chdb_query_n",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG));
        queryWithParams = handle(
                lookup,
                "chdb_query_with_params",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG));
        resultBuffer = handle(lookup, "chdb_result_buffer", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultLength = handle(lookup, "chdb_result_length", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultError = handle(lookup, "chdb_result_error", FunctionDescriptor.of(ADDRESS, ADDRESS));
        resultRowsRead = handle(lookup, "chdb_result_rows_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultBytesRead = handle(lookup, "chdb_result_bytes_read", FunctionDescriptor.of(JAVA_LONG, ADDRESS));
        resultElapsed = handle(lookup, "chdb_result_elapsed", FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS));
        destroyResult = handle(lookup, "chdb_destroy_query_result", FunctionDescriptor.ofVoid(ADDRESS));
        MethodHandle signals =
                handle(lookup, "chdb_set_signal_handlers_enabled", FunctionDescriptor.ofVoid(JAVA_BOOLEAN));
        try {
            signals.invokeExact(false);
            jvmHandlers.restore();
        } catch (Throwable e) {
            throw new EngineException("cannot switch off the engine's signal handlers", e);
        }
    }

    private static MethodHandle handle(SymbolLookup lookup, String name, FunctionDescriptor descriptor) {
        MemorySegment symbol =
                lookup.find(name).orElseThrow(() -> new EngineException(0, "libchdb has no symbol " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** Opens a connection on a storage path; {@code args} are command-line options after the program name. */
    Connection connect(List<String> args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment argv = arena.allocate(ADDRESS, args.size() + 1L);
            argv.setAtIndex(ADDRESS, 0, arena.allocateFrom("clickhouse"));
            for (int i = 0; i < args.size(); i++) {
                argv.setAtIndex(ADDRESS, i + 1, arena.allocateFrom(args.get(i)));
            }
            MemorySegment handle = (MemorySegment) connect.invokeExact(args.size() + 1, argv);
            if (handle.equals(MemorySegment.NULL)) {
                throw new EngineException(0, "chdb_connect failed for " + args);
            }
            MemorySegment connection = handle.reinterpret(ADDRESS.byteSize()).get(ADDRESS, 0);
            if (connection.equals(MemorySegment.NULL)) {
                throw new EngineException(0, "chdb_connect returned no connection for " + args);
            }
            return new Connection(handle, connection);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException("chdb_connect failed", e);
        } finally {
            jvmHandlers.restore();
        }
    }

    void close(Connection connection) {
        try {
            closeConn.invokeExact(connection.handle());
        } catch (Throwable e) {
            throw new EngineException("chdb_close_conn failed", e);
        }
    }

    /** Runs SQL (with any inline data) and returns the raw output bytes in {@code format}. */
    Output query(Connection connection, byte[] sql, String format) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment text = arena.allocate(sql.length + 1L);
            MemorySegment.copy(sql, 0, text, JAVA_BYTE, 0, sql.length);
            MemorySegment fmt = arena.allocateFrom(format);
            MemorySegment result = (MemorySegment)
                    queryN.invokeExact(connection.connection(), text, (long) sql.length, fmt, (long) format.length());
            return read(result);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException("chdb_query failed", e);
        }
    }

    /** Runs a query whose {@code {name:Type}} placeholders take the given text values. */
    Output query(Connection connection, String sql, String format, List<String> names, List<String> values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment nameArray = arena.allocate(ADDRESS, Math.max(1, names.size()));
            MemorySegment valueArray = arena.allocate(ADDRESS, Math.max(1, names.size()));
            for (int i = 0; i < names.size(); i++) {
                nameArray.setAtIndex(ADDRESS, i, arena.allocateFrom(names.get(i)));
                valueArray.setAtIndex(ADDRESS, i, arena.allocateFrom(values.get(i)));
            }
            MemorySegment result = (MemorySegment) queryWithParams.invokeExact(
                    connection.connection(),
                    arena.allocateFrom(sql),
                    arena.allocateFrom(format),
                    nameArray,
                    valueArray,
                    (long) names.size());
            return read(result);
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException("chdb_query_with_params failed", e);
        }
    }

    private Output read(MemorySegment result) throws Throwable {
        if (result.equals(MemorySegment.NULL)) {
            throw new EngineException(0, "the engine returned no result");
        }
        try {
            MemorySegment error = (MemorySegment) resultError.invokeExact(result);
            if (!error.equals(MemorySegment.NULL)) {
                throw EngineException.fromEngineText(
                        error.reinterpret(Integer.MAX_VALUE).getString(0, StandardCharsets.UTF_8));
            }
            long length = (long) resultLength.invokeExact(result);
            byte[] bytes = new byte[0];
            if (length > 0) {
                MemorySegment buffer = (MemorySegment) resultBuffer.invokeExact(result);
                bytes = buffer.reinterpret(length).toArray(JAVA_BYTE);
            }
            var stats = new QueryResult.Stats(
                    (long) resultRowsRead.invokeExact(result), (long) resultBytesRead.invokeExact(result), (double)
                            resultElapsed.invokeExact(result));
            return new Output(bytes, stats);
        } finally {
            destroyResult.invokeExact(result);
        }
    }

    /** An open connection: the pointer chdb_connect returned and the handle it points to. */
    record Connection(MemorySegment handle, MemorySegment connection) {}

    /** The bytes a query printed, and what the engine measured. */
    record Output(byte[] bytes, QueryResult.Stats stats) {}
}
