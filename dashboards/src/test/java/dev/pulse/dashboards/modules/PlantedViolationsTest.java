package dev.pulse.dashboards.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every module rule fails on a violation planted among the real classes: small classes that break one rule
 * each are compiled at test time into a temporary directory (so nothing in the source tree breaks a rule),
 * imported together with every module's main classes, and each rule must name the planted class, and only it.
 */
class PlantedViolationsTest {

    /** The planted classes, each breaking the rule named in its comment. */
    static final Map<String, String> PLANTED = Map.of(
            // kernel uses no other module
            "dev/pulse/kernel/planted/UsesWarehouse.java",
            """
            package dev.pulse.kernel.planted;
            public class UsesWarehouse {
                public dev.pulse.warehouse.WarehouseSettings settings;
            }
            """,
            // surveys uses the engine beyond its health, and warehouse's query layer outside its public API
            "dev/pulse/surveys/planted/QueriesEngine.java",
            """
            package dev.pulse.surveys.planted;
            public class QueriesEngine {
                public dev.pulse.warehouse.query.AnalystSql analystSql;
                public Object rows(dev.pulse.warehouse.ClickHouseEngine engine) {
                    return engine.query("SELECT 1");
                }
            }
            """,
            // reporting uses the chDB binding
            "dev/pulse/reporting/planted/UsesChdb.java",
            """
            package dev.pulse.reporting.planted;
            public class UsesChdb {
                public dev.pulse.warehouse.engine.EmbeddedEngine engine;
            }
            """,
            // two packages of one module that use each other
            "dev/pulse/surveys/planted/one/One.java",
            """
            package dev.pulse.surveys.planted.one;
            public class One {
                public dev.pulse.surveys.planted.two.Two two;
            }
            """,
            "dev/pulse/surveys/planted/two/Two.java",
            """
            package dev.pulse.surveys.planted.two;
            public class Two {
                public dev.pulse.surveys.planted.one.One one;
            }
            """,
            // a class of surveys' declared in warehouse's package, to reach its package-private code
            "dev/pulse/warehouse/engine/Peek.java",
            """
            package dev.pulse.warehouse.engine;
            public class Peek {}
            """);

    @TempDir
    static Path work;

    static Path planted;
    static JavaClasses withPlanted;

    @BeforeAll
    static void compileAndImport() throws IOException {
        Path sources = work.resolve("src");
        planted = work.resolve("classes");
        List<String> args = new ArrayList<>(List.of(
                "-d",
                planted.toString(),
                "-cp",
                ModuleRulesTest.built("kernel", "classes")
                        + java.io.File.pathSeparator
                        + ModuleRulesTest.built("warehouse", "classes")));
        for (var source : PLANTED.entrySet()) {
            Path file = sources.resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue());
            args.add(file.toString());
        }
        int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
        assertThat(exit).as("the planted classes compile").isZero();

        List<Path> paths = new ArrayList<>();
        for (String module : ModuleRules.MODULES) {
            paths.add(ModuleRulesTest.built(module, "classes"));
        }
        paths.add(planted);
        withPlanted = new ClassFileImporter().importPaths(paths);
    }

    /** The rule fails, and every violation it reports is one of the planted classes'. */
    static void reportsOnly(ArchRule rule, JavaClasses classes, String... plantedClasses) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        String report = String.join("\n", result.getFailureReport().getDetails());
        for (String plantedClass : plantedClasses) {
            assertThat(report).contains(plantedClass);
        }
        for (String violation : result.getFailureReport().getDetails()) {
            assertThat(violation).containsAnyOf(plantedClasses);
        }
    }

    @Test
    void kernelUsingAnotherModuleFailsTheModuleRule() {
        reportsOnly(ModuleRules.moduleDependencies(), withPlanted, "dev.pulse.kernel.planted.UsesWarehouse");
    }

    @Test
    void usingAModulesImplementationFailsTheApiRule() {
        reportsOnly(
                ModuleRules.publicApiOnly("warehouse"),
                withPlanted,
                "dev.pulse.surveys.planted.QueriesEngine",
                "dev.pulse.reporting.planted.UsesChdb");
    }

    @Test
    void queryingTheEngineOutsideWarehouseFailsTheEngineRules() {
        reportsOnly(ModuleRules.engineHeldByWarehouseOnly(), withPlanted, "dev.pulse.surveys.planted.QueriesEngine");
        reportsOnly(
                ModuleRules.engineHealthOnlyOutsideWarehouse(), withPlanted, "dev.pulse.surveys.planted.QueriesEngine");
        reportsOnly(ModuleRules.noClickHouseOutsideWarehouse(), withPlanted, "dev.pulse.reporting.planted.UsesChdb");
    }

    @Test
    void aCycleBetweenPackagesFailsTheCycleRule() {
        reportsOnly(ModuleRules.noPackageCycles(), withPlanted, "surveys.planted.one", "surveys.planted.two");
    }

    @Test
    void aClassDeclaredInAnotherModulesPackageFailsTheOwnPackagesRule() {
        // surveys' planted classes and Peek, read as if they were the compiled classes of surveys
        JavaClasses surveys = new ClassFileImporter()
                .importPaths(planted.resolve("dev/pulse/surveys"), planted.resolve("dev/pulse/warehouse"));
        assertThat(surveys.contain("dev.pulse.surveys.planted.QueriesEngine")).isTrue();
        reportsOnly(ModuleRules.declaredInOwnPackages("surveys"), surveys, "dev.pulse.warehouse.engine.Peek");
    }
}
