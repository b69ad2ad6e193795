package dev.pulse.reporting.render;

/** The report templates, all read from the classpath folder {@code reports/}; nothing else is ever compiled. */
enum Template {
    REGIONAL_PERFORMANCE("regional-performance"),
    REGIONAL_KPIS("regional-kpis"),
    REGIONAL_PROVINCES("regional-provinces"),
    REGIONAL_CAMPAIGNS("regional-campaigns"),
    REGIONAL_COMPLAINTS("regional-complaints"),
    NATIONAL_SUMMARY("national-summary");

    private final String name;

    Template(String name) {
        this.name = name;
    }

    /** The classpath resource of the template source. */
    String resource() {
        return "reports/" + name + ".jrxml";
    }
}
