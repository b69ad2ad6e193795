package dev.pulse.dashboards.modules;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import dev.pulse.warehouse.ClickHouseEngine;
import java.util.List;
import java.util.Map;

/**
 * The module rules of Pulse as ArchUnit rules: the one place that says which module may use which, what
 * each module's public API is, who may touch the engine, and where a module's classes may be declared.
 */
final class ModuleRules {

    /** The modules in build order: each may use only modules before it (and not every one of those). */
    static final List<String> MODULES = List.of("kernel", "warehouse", "surveys", "reporting", "dashboards");

    /**
     * The packages of each module that other modules may use: its top-level package and the sub-packages its
     * README names as API. Everything else in a module's sub-packages is its implementation.
     */
    static final Map<String, List<String>> PUBLIC_API = Map.of(
            // kernel/README.md: web (Problems, StrictJson), mail (PlainTextMail), tx (AfterCommit)
            "kernel",
                    List.of("dev.pulse.kernel", "dev.pulse.kernel.web", "dev.pulse.kernel.mail", "dev.pulse.kernel.tx"),
            // warehouse/README.md: the query layer's API (Metrics, LatestComments, AtRiskCustomers, TriggerEvents)
            "warehouse", List.of("dev.pulse.warehouse", "dev.pulse.warehouse.metrics"),
            // surveys/README.md: definition.SurveyService, invitation.InvitationService, outbox.WarehouseOutbox
            "surveys",
                    List.of(
                            "dev.pulse.surveys",
                            "dev.pulse.surveys.definition",
                            "dev.pulse.surveys.invitation",
                            "dev.pulse.surveys.outbox"),
            // reporting/README.md: the facades render.ReportRenderer and data.ReportDataService
            "reporting", List.of("dev.pulse.reporting", "dev.pulse.reporting.render", "dev.pulse.reporting.data"),
            "dashboards", List.of("dev.pulse.dashboards"));

    /**
     * The application class: at the root package so that its scan finds every module's beans. It belongs to
     * dashboards and is the one main class declared outside {@code dev.pulse.dashboards}.
     */
    static final String APPLICATION = "dev.pulse.Pulse";

    /** The benchmarks started by {@code scripts/bench}: dashboards' test classes, in a package of their own. */
    static final String BENCHMARKS = "dev.pulse.bench..";

    /**
     * The one class outside warehouse that holds the engine: the actuator's engine health, which may call
     * {@link ClickHouseEngine#health()} and nothing else.
     */
    static final String ENGINE_HEALTH = "dev.pulse.dashboards.health.EngineHealthIndicator";

    private ModuleRules() {}

    /** The class of that fully qualified name. */
    static DescribedPredicate<JavaClass> named(String className) {
        return describe(className, c -> c.getName().equals(className));
    }

    /**
     * Which module may use which: kernel none; warehouse kernel; surveys and reporting kernel and warehouse;
     * dashboards all; no module uses dashboards.
     */
    static ArchRule moduleDependencies() {
        return layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("kernel")
                .definedBy("dev.pulse.kernel..")
                .layer("warehouse")
                .definedBy("dev.pulse.warehouse..")
                .layer("surveys")
                .definedBy("dev.pulse.surveys..")
                .layer("reporting")
                .definedBy("dev.pulse.reporting..")
                .layer("dashboards")
                .definedBy(resideInAPackage("dev.pulse.dashboards..").or(named(APPLICATION)))
                .whereLayer("dashboards")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("surveys")
                .mayOnlyBeAccessedByLayers("dashboards")
                .whereLayer("reporting")
                .mayOnlyBeAccessedByLayers("dashboards")
                .whereLayer("warehouse")
                .mayOnlyBeAccessedByLayers("surveys", "reporting", "dashboards")
                .whereLayer("kernel")
                .mayOnlyBeAccessedByLayers("warehouse", "surveys", "reporting", "dashboards");
    }

    /** A module's classes outside its public API packages are used by that module alone. */
    static ArchRule publicApiOnly(String module) {
        String own = "dev.pulse." + module + "..";
        String[] api = PUBLIC_API.get(module).toArray(String[]::new);
        return noClasses()
                .that()
                .resideOutsideOfPackage(own)
                .should()
                .dependOnClassesThat(resideInAPackage(own).and(not(resideInAnyPackage(api))))
                .as("classes outside " + module + " use only its public API " + PUBLIC_API.get(module));
    }

    /** Only warehouse holds the engine; outside it, the engine's health alone may be asked, by one class. */
    static ArchRule engineHeldByWarehouseOnly() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("dev.pulse.warehouse..")
                .and()
                .doNotHaveFullyQualifiedName(ENGINE_HEALTH)
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(ClickHouseEngine.class)
                .as("only warehouse (and the engine health indicator) depends on ClickHouseEngine");
    }

    /** Outside warehouse nothing is asked of the engine but its {@code health()}. */
    static ArchRule engineHealthOnlyOutsideWarehouse() {
        DescribedPredicate<JavaAccess<?>> beyondHealth = describe(
                "a member of ClickHouseEngine other than health()",
                access -> access.getTargetOwner().isEquivalentTo(ClickHouseEngine.class)
                        && !access.getName().equals("health"));
        return noClasses()
                .that()
                .resideOutsideOfPackage("dev.pulse.warehouse..")
                .should()
                .accessTargetWhere(beyondHealth);
    }

    /** The ClickHouse client and the chDB binding are warehouse's alone. */
    static ArchRule noClickHouseOutsideWarehouse() {
        return noClasses()
                .that()
                .resideOutsideOfPackage("dev.pulse.warehouse..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.clickhouse..", "..chdb..", "dev.pulse.warehouse.engine..")
                .as("nothing outside warehouse uses com.clickhouse, chDB or warehouse's engine package");
    }

    /** A module's classes (main and test) are declared in its own packages, so none reaches into another's. */
    static ArchRule declaredInOwnPackages(String module) {
        DescribedPredicate<JavaClass> elsewhereOnPurpose = "dashboards".equals(module)
                ? named(APPLICATION).or(resideInAPackage(BENCHMARKS))
                : DescribedPredicate.alwaysFalse();
        return classes()
                .that(not(elsewhereOnPurpose))
                .should()
                .resideInAPackage("dev.pulse." + module + "..")
                .as(module + "'s classes are declared in dev.pulse." + module + "..");
    }

    /**
     * The one cycle between packages of a module that exists today, frozen: warehouse's top-level
     * {@code WarehouseConfiguration} builds the engine ({@code engine}) and runs the schema migrations ({@code
     * schema}), whose classes implement and use the top-level API ({@code ClickHouseEngine}, {@code QueryResult}).
     * Moving that wiring into {@code engine} would change which beans the warehouse ITs' package scans find, so
     * it stays; only these edges, from that one class, are left out of the cycle check.
     */
    static final Map<String, List<String>> FROZEN_CYCLES = Map.of(
            "dev.pulse.warehouse.WarehouseConfiguration",
            List.of("dev.pulse.warehouse.engine..", "dev.pulse.warehouse.schema.."));

    /** No cycle between modules. */
    static ArchRule noModuleCycles() {
        return slices().matching("dev.pulse.(*)..").should().beFreeOfCycles();
    }

    /** No cycle between the packages of a module, each package a slice, but for {@link #FROZEN_CYCLES}. */
    static ArchRule noPackageCycles() {
        var rule = slices().matching("dev.pulse.(**)").should().beFreeOfCycles();
        for (var frozen : FROZEN_CYCLES.entrySet()) {
            rule = rule.ignoreDependency(
                    named(frozen.getKey()), resideInAnyPackage(frozen.getValue().toArray(String[]::new)));
        }
        return rule;
    }
}
