package dev.pulse.reporting.render;

/** A report could not be rendered; {@link #reason()} says which stage failed so callers can tell setup from data problems. */
public class ReportRenderException extends RuntimeException {

    private final Reason reason;

    ReportRenderException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** The stage that failed. */
    public Reason reason() {
        return reason;
    }

    /** Where rendering failed. */
    public enum Reason {
        /** The CJK font files are missing or unreadable: a setup problem ({@code scripts/fetch-engine fonts}). */
        FONT_MISSING,
        /** A template is missing, malformed or breaks the template rules (queries, connections, forbidden classes). */
        TEMPLATE,
        /** Filling the template with the data failed. */
        FILL,
        /** Writing the PDF failed. */
        EXPORT
    }
}
