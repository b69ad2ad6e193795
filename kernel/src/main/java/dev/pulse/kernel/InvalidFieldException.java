package dev.pulse.kernel;

import java.util.List;

/**
 * Input that breaks a rule, naming every field at fault (and the line, for line-based input); the
 * web layer answers 400 with {@code field}, {@code errors} and, when known, {@code line}.
 */
public class InvalidFieldException extends RuntimeException {

    private final List<FieldError> errors;
    private final int line;

    /**
     * One field at fault.
     *
     * @param field a path such as {@code filters[0].op}, must not be null
     * @param message why, naming the offending value; it is the problem's detail
     */
    public InvalidFieldException(String field, String message) {
        this(field, message, 0);
    }

    /**
     * One field at fault on one line of the input.
     *
     * @param line the 1-based line, or 0 when the input has no lines
     */
    public InvalidFieldException(String field, String message, int line) {
        super(message);
        this.errors = List.of(new FieldError(field, message));
        this.line = line;
    }

    /**
     * Several fields at fault; the detail names the first.
     *
     * @param errors at least one, in input order
     */
    public InvalidFieldException(List<FieldError> errors) {
        super(
                errors.isEmpty()
                        ? "invalid input"
                        : errors.getFirst().field() + ": " + errors.getFirst().message());
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("an invalid input names at least one field");
        }
        this.errors = List.copyOf(errors);
        this.line = 0;
    }

    /** The first field at fault. */
    public String field() {
        return errors.getFirst().field();
    }

    /** Every field at fault, in input order. */
    public List<FieldError> errors() {
        return errors;
    }

    /** The 1-based line of the input at fault, or 0 when the input has no lines. */
    public int line() {
        return line;
    }

    /**
     * One field at fault.
     *
     * @param field a path such as {@code questions[2].options[0].text.en}
     * @param message what is wrong, in English
     */
    public record FieldError(String field, String message) {}
}
