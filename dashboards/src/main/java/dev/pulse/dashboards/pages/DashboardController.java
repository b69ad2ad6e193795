package dev.pulse.dashboards.pages;

import dev.pulse.kernel.Caller;
import dev.pulse.kernel.InvalidFieldException;
import dev.pulse.kernel.PulseSettings;
import dev.pulse.warehouse.metrics.MetricQuery;
import dev.pulse.warehouse.metrics.MetricResult;
import dev.pulse.warehouse.metrics.Metrics;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The five dashboards: the page carries the filters and the viewer's choices; every number is
 * fetched by the browser from {@code /api/v1/query} with the session, so the page itself holds none.
 */
@Controller
class DashboardController {

    static final List<String> DASHBOARDS = List.of("overview", "satisfaction", "churn", "campaigns", "regions");

    private final Metrics metrics;
    private final PulseSettings pulse;

    DashboardController(Metrics metrics, PulseSettings pulse) {
        this.metrics = metrics;
        this.pulse = pulse;
    }

    @GetMapping("/dashboards")
    String index() {
        return "redirect:/dashboards/overview";
    }

    @GetMapping("/dashboards/{dashboard}")
    String dashboard(
            @PathVariable String dashboard,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String preset,
            @RequestParam(required = false) String region,
            @RequestParam(required = false) String segment,
            @RequestParam(required = false) String channel,
            @AuthenticationPrincipal Caller viewer,
            Locale locale,
            Model model) {
        if (!DASHBOARDS.contains(dashboard)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no dashboard " + dashboard);
        }
        Filters filters = Filters.read(from, to, preset, region, segment, channel, LocalDate.now(pulse.timezone()));
        List<String> regions =
                pulse.regions().stream().filter(r -> viewer.scope().allows(r)).toList();
        if (!filters.region().isEmpty() && !pulse.regions().contains(filters.region())) {
            throw new InvalidFieldException("region", "unknown region; regions are " + pulse.regions());
        }
        if (!filters.region().isEmpty() && !viewer.scope().allows(filters.region())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "the region is outside your scope");
        }
        model.addAttribute("dashboard", dashboard);
        model.addAttribute("dashboards", DASHBOARDS);
        model.addAttribute("filters", filters);
        model.addAttribute("presets", List.of("7d", "30d", "90d", "365d", "ytd", "custom"));
        model.addAttribute("regions", regions);
        model.addAttribute("segments", values("segment", filters, viewer, locale));
        model.addAttribute("channels", values("channel", filters, viewer, locale));
        model.addAttribute(
                "viewerRegions",
                viewer.scope().all() ? "" : String.join("|", viewer.scope().regions()));
        return "dashboard";
    }

    /** The values a filter can take: those with orders in the last year the viewer may see. */
    private List<String> values(String dimension, Filters filters, Caller viewer, Locale locale) {
        LocalDate end = filters.to().plusDays(1);
        MetricResult result = metrics.run(
                MetricQuery.of(List.of("orders"), List.of(dimension), end.minusYears(1), end), viewer, locale);
        List<String> values = result.rows().stream()
                .map(row -> Objects.toString(row.get(0), ""))
                .filter(v -> !v.isEmpty())
                .toList();
        String chosen = dimension.equals("segment") ? filters.segment() : filters.channel();
        return chosen.isEmpty() || values.contains(chosen)
                ? values
                : java.util.stream.Stream.concat(values.stream(), java.util.stream.Stream.of(chosen))
                        .toList();
    }
}
