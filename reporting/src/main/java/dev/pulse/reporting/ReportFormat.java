package dev.pulse.reporting;

import java.util.Arrays;
import java.util.Optional;

/** The file formats a report is rendered to, by the id used in run requests and file names. */
public enum ReportFormat {
    /** The printed report, Noto Sans SC embedded. */
    PDF("pdf", "application/pdf"),
    /** The same report as an Excel workbook (Jasper's XLSX exporter): the same numbers, in cells. */
    XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final String id;
    private final String mediaType;

    ReportFormat(String id, String mediaType) {
        this.id = id;
        this.mediaType = mediaType;
    }

    /** The id in requests and file extensions, e.g. {@code xlsx}. */
    public String id() {
        return id;
    }

    /** The Content-Type of the file. */
    public String mediaType() {
        return mediaType;
    }

    /** The format with this id. */
    public static Optional<ReportFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }
}
