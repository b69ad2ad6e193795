package dev.pulse.reporting;

import java.nio.file.Path;

/**
 * An archived report file ready to be sent.
 *
 * @param name the file name to offer, e.g. {@code 区域经营报告-华东-2026-05-01.pdf}
 * @param path where the file is stored
 * @param mediaType e.g. {@code application/pdf}
 * @param sha256 the hex SHA-256 recorded when it was archived
 */
public record ReportFile(String name, Path path, String mediaType, String sha256) {}
