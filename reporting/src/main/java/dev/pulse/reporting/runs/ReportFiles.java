package dev.pulse.reporting.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The report files under {@code ${pulse.data-dir}/reports/<year>/<month>/<run id>-<nonce>.<format>}; a
 * file appears complete or not at all, its SHA-256 is computed from the bytes written, and two
 * workers producing the same run never overwrite each other's file.
 */
final class ReportFiles {

    private final Path root;

    ReportFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** A file written, with its digest. */
    record Stored(Path path, String sha256, long size) {}

    Stored store(String runId, LocalDate periodFrom, String format, byte[] content) {
        Path dir = root.resolve(String.valueOf(periodFrom.getYear()))
                .resolve("%02d".formatted(periodFrom.getMonthValue()));
        Path target = dir.resolve(runId + "-" + UUID.randomUUID().toString().substring(0, 8) + "." + format);
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, runId, ".part");
            Files.write(temp, content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write report file " + target, e);
        }
        return new Stored(target, sha256(content), content.length);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
