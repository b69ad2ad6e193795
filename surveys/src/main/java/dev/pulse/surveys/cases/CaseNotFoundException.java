package dev.pulse.surveys.cases;

/** No such case, or none the caller may see (the two are not told apart). */
public class CaseNotFoundException extends RuntimeException {

    public CaseNotFoundException(String id) {
        super("no case " + id);
    }
}
