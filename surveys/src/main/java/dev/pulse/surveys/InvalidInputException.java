package dev.pulse.surveys;

import java.util.List;

/**
 * Input that breaks a rule of this module; names every field at fault.
 */
public class InvalidInputException extends RuntimeException {

    private final List<FieldProblem> problems;

    /**
     * @param problems at least one
     */
    public InvalidInputException(List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.getFirst().field() + ": " + problems.getFirst().message());
        this.problems = List.copyOf(problems);
    }

    /** One field and what is wrong with it. */
    public static InvalidInputException of(String field, String message) {
        return new InvalidInputException(List.of(new FieldProblem(field, message)));
    }

    /** Every field at fault, in input order. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /**
     * One field at fault.
     *
     * @param field a path such as {@code questions[2].options[0].text.en}
     * @param message what is wrong, in English
     */
    public record FieldProblem(String field, String message) {}
}
