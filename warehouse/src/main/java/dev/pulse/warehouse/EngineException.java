package dev.pulse.warehouse;

/**
 * A failure reported by ClickHouse (with its error code) or in reaching it (code 0).
 */
public class EngineException extends RuntimeException {

    private final int code;

    public EngineException(int code, String message) {
        super(message);
        this.code = code;
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
        this.code = 0;
    }

    /** The ClickHouse error code, e.g. 60 for UNKNOWN_TABLE; 0 when the engine was not reached. */
    public int code() {
        return code;
    }

    /** Parses the engine's text {@code Code: 62. DB::Exception: ...} into an exception. */
    public static EngineException fromEngineText(String text) {
        int code = 0;
        if (text.startsWith("Code: ")) {
            int dot = text.indexOf('.', 6);
            if (dot > 6) {
                try {
                    code = Integer.parseInt(text.substring(6, dot).trim());
                } catch (NumberFormatException ignored) {
                    code = 0;
                }
            }
        }
        return new EngineException(code, text.strip());
    }
}
