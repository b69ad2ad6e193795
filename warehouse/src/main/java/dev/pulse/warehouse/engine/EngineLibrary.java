package dev.pulse.warehouse.engine;

import dev.pulse.warehouse.EngineVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks that {@code libchdb.so} is the build Pulse was verified with before loading it.
 *
 * <p>Hashing 560 MB takes seconds, so a verified file leaves a stamp (size, modification time,
 * digest) beside it and later starts compare the stamp instead.
 */
final class EngineLibrary {

    /** The npm package the library comes from. */
    static final String PACKAGE = "@chdb/lib-linux-x64-gnu@" + EngineVersion.VERSION;
    /** SHA-256 of {@code package/libchdb.so} in that package. */
    static final String SHA256 = EngineVersion.SHA256;

    private EngineLibrary() {}

    /** Returns the path when the library is there and intact; throws with the command that fixes it. */
    static Path verify(Path library) {
        if (!Files.isRegularFile(library)) {
            throw new EngineUnavailableException("The embedded ClickHouse engine is missing at " + library
                    + ". Run scripts/fetch-engine (it fetches " + PACKAGE + "), or set PULSE_WAREHOUSE_MODE=server.");
        }
        try {
            String stamp = Files.size(library) + " "
                    + Files.getLastModifiedTime(library).toMillis() + " " + SHA256;
            Path stampFile = library.resolveSibling(library.getFileName() + ".verified");
            if (Files.isRegularFile(stampFile)
                    && Files.readString(stampFile).strip().equals(stamp)) {
                return library;
            }
            String actual = sha256(library);
            if (!SHA256.equals(actual)) {
                throw new EngineUnavailableException("The embedded ClickHouse engine at " + library
                        + " has SHA-256 " + actual + ", expected " + SHA256
                        + ". Delete it and run scripts/fetch-engine.");
            }
            try {
                Files.writeString(stampFile, stamp, StandardCharsets.UTF_8);
            } catch (IOException readOnly) {
                // a read-only cache only costs the hash at the next start
            }
            return library;
        } catch (IOException e) {
            throw new EngineUnavailableException(
                    "Cannot read the embedded engine at " + library + ": " + e.getMessage());
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 20];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
