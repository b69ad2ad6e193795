package dev.pulse.warehouse.engine;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.pulse.warehouse.EngineException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the JVM's handlers for the synchronous signals across {@code chdb_connect}.
 *
 * <p>Even with its own crash handlers switched off, connecting sets SIGSEGV, SIGBUS, SIGFPE and
 * SIGILL back to their default action (measured through {@code /proc/self/status}). The JVM
 * raises SIGSEGV on purpose (implicit null checks, safepoint polls) and the process would die at
 * the next one, so the handlers are read before connecting and put back afterwards, as opaque
 * {@code struct sigaction} bytes through libc's {@code sigaction}.
 */
final class SignalHandlers {

    private static final int[] SIGNALS = {4, 7, 8, 11}; // SIGILL, SIGBUS, SIGFPE, SIGSEGV on Linux
    private static final long SIGACTION_SIZE = 256; // larger than glibc's struct sigaction (152 bytes)
    private static final MethodHandle SIGACTION = Linker.nativeLinker()
            .downcallHandle(
                    Linker.nativeLinker().defaultLookup().find("sigaction").orElseThrow(),
                    FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    private final Map<Integer, MemorySegment> saved = new LinkedHashMap<>();

    private SignalHandlers() {}

    /** Reads the current handlers. */
    static SignalHandlers save() {
        SignalHandlers handlers = new SignalHandlers();
        for (int signal : SIGNALS) {
            MemorySegment action = Arena.global().allocate(SIGACTION_SIZE);
            call(signal, MemorySegment.NULL, action);
            handlers.saved.put(signal, action);
        }
        return handlers;
    }

    /** Puts the saved handlers back. */
    void restore() {
        saved.forEach((signal, action) -> call(signal, action, MemorySegment.NULL));
    }

    private static void call(int signal, MemorySegment action, MemorySegment old) {
        try {
            int rc = (int) SIGACTION.invokeExact(signal, action, old);
            if (rc != 0) {
                throw new EngineException(0, "sigaction failed for signal " + signal);
            }
        } catch (EngineException e) {
            throw e;
        } catch (Throwable e) {
            throw new EngineException("sigaction failed for signal " + signal, e);
        }
    }
}
