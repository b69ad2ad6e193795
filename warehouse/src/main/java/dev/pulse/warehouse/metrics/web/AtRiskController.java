package dev.pulse.warehouse.metrics.web;

import dev.pulse.kernel.Caller;
import dev.pulse.warehouse.metrics.AtRiskCustomers;
import dev.pulse.warehouse.metrics.AtRiskQuery;
import dev.pulse.warehouse.metrics.MetricResult;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/customers/at-risk?from=&to=&region=&segment=&channel=&limit=}: the valuable
 * customers at risk of leaving, under the caller's scope, in the shape of a metric result.
 */
@RestController
class AtRiskController {

    private final AtRiskCustomers customers;

    AtRiskController(AtRiskCustomers customers) {
        this.customers = customers;
    }

    @GetMapping(path = "/api/v1/customers/at-risk", produces = "application/json")
    @PreAuthorize("hasAnyRole('EXECUTIVE', 'ANALYST', 'QUALITY', 'REGIONAL_MANAGER', 'ADMIN')")
    MetricResult atRisk(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) List<String> region,
            @RequestParam(required = false) List<String> segment,
            @RequestParam(required = false) List<String> channel,
            @RequestParam(required = false) String limit,
            @RequestHeader(name = "Accept-Language", required = false) String languages,
            @AuthenticationPrincipal Caller caller) {
        return customers.list(
                AtRiskQuery.parse(from, to, region, segment, channel, limit),
                caller,
                QueryController.labels(languages));
    }
}
