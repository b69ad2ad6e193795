package dev.pulse.surveys.cases;

import dev.pulse.kernel.RegionDirectory;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * The region owners of follow-up cases, offered to other modules (report schedules mail them when a
 * schedule names no recipients): each call reads the owners as they are at that moment.
 */
@Component
class CaseOwnerDirectory implements RegionDirectory {

    private final CaseService cases;

    CaseOwnerDirectory(CaseService cases) {
        this.cases = cases;
    }

    @Override
    public List<String> owners(String region) {
        return cases.owners(Objects.requireNonNull(region, "region"));
    }
}
