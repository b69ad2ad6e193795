package dev.pulse.reporting;

/** The caller asked for a region outside its scope; the web layer answers as if the region's report did not exist. */
public class RegionNotAllowedException extends RuntimeException {

    private final String region;

    /** @param region the region that was asked for */
    public RegionNotAllowedException(String region) {
        super("region " + region + " is outside the caller's scope");
        this.region = region;
    }

    /** The region that was asked for. */
    public String region() {
        return region;
    }
}
