package dev.pulse.surveys.cases;

import dev.pulse.kernel.NotFoundException;

/** No such case, or none the caller may see (the two are not told apart). */
public class CaseNotFoundException extends NotFoundException {

    public CaseNotFoundException(String id) {
        super("no case " + id);
    }
}
