package dev.pulse.kernel;

import java.util.List;

/**
 * Who answers for a region: the e-mail addresses of its owners. It sits here, in the module every
 * other module depends on, so that reporting can mail a region's owners without depending on surveys,
 * which keeps them.
 */
public interface RegionDirectory {

    /** A directory that knows no owners, for an application without a module that keeps them. */
    RegionDirectory NONE = region -> List.of();

    /**
     * The owners of {@code region} as they are now, first owner first.
     *
     * @param region one of {@code pulse.regions}, must not be null
     * @return their addresses; empty when the region has none
     */
    List<String> owners(String region);
}
