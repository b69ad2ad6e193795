package dev.pulse.reporting;

import dev.pulse.kernel.NotAllowedException;

/** The caller asked for a region outside its scope; the web layer answers as if the region's report did not exist. */
public class RegionNotAllowedException extends NotAllowedException {

    private final String region;

    /** @param region the region that was asked for */
    public RegionNotAllowedException(String region) {
        super("You may not run reports for region " + region, "region");
        this.region = region;
    }

    /** The region that was asked for. */
    public String region() {
        return region;
    }
}
