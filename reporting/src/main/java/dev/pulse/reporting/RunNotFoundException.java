package dev.pulse.reporting;

import dev.pulse.kernel.NotFoundException;

/** No run with this id that the caller may see; the same answer whether it does not exist or is out of scope. */
public class RunNotFoundException extends NotFoundException {

    /** @param id the run id asked for */
    public RunNotFoundException(String id) {
        super("no report run " + id);
    }
}
