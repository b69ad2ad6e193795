package dev.pulse.dashboards.modules;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The module rules ({@link ModuleRules}) hold for every module's classes. They are read from each module's
 * {@code target/classes} and {@code target/test-classes}, beside this one: the reactor builds kernel,
 * warehouse, surveys and reporting before dashboards, so run this test with {@code -pl dashboards -am}
 * (or the whole build), never against a module left unbuilt.
 */
class ModuleRulesTest {

    static final List<String> MODULES = ModuleRules.MODULES;

    static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .importPaths(MODULES.stream().map(m -> built(m, "classes")).toList());
    }

    /** A module's compiled classes of one kind ({@code classes} or {@code test-classes}), which must exist. */
    static Path built(String module, String kind) {
        // the tests run in dashboards/, so every module's output is ../<module>/target
        Path path = Path.of("..", module, "target", kind).toAbsolutePath().normalize();
        assertThat(path).as("%s is built before dashboards' tests run", module).isDirectory();
        return path;
    }

    @Test
    void everyModuleIsRead() {
        for (String module : MODULES) {
            assertThat(main.containPackage("dev.pulse." + module)).as(module).isTrue();
        }
    }

    @Test
    void modulesUseOnlyTheModulesTheyMay() {
        ModuleRules.moduleDependencies().check(main);
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void otherModulesUseOnlyAModulesPublicApi(String module) {
        ModuleRules.publicApiOnly(module).check(main);
    }

    @Test
    void onlyWarehouseHoldsTheEngine() {
        ModuleRules.engineHeldByWarehouseOnly().check(main);
        ModuleRules.engineHealthOnlyOutsideWarehouse().check(main);
        ModuleRules.noClickHouseOutsideWarehouse().check(main);
    }

    @ParameterizedTest
    @FieldSource("MODULES")
    void aModuleDeclaresItsClassesInItsOwnPackages(String module) throws Exception {
        Path tests = built(module, "test-classes");
        JavaClasses own = new ClassFileImporter().importPaths(built(module, "classes"), tests);
        try (var files = Files.walk(tests)) {
            assertThat(files.filter(f -> f.toString().endsWith(".class")))
                    .as("%s's test classes are read too", module)
                    .isNotEmpty();
        }
        ModuleRules.declaredInOwnPackages(module).check(own);
    }

    @Test
    void noCycleBetweenModules() {
        ModuleRules.noModuleCycles().check(main);
    }

    @Test
    void noCycleBetweenThePackagesOfAModule() {
        ModuleRules.noPackageCycles().check(main);
    }
}
