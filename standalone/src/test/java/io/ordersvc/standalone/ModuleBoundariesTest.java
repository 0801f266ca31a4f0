package io.ordersvc.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/** CONVENTIONS.md's module rules, on the production classes of every module. */
class ModuleBoundariesTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.ordersvc");
    }

    @Test
    void every_module_is_present_so_the_rules_below_check_something() {
        for (String pkg : new String[]{"io.ordersvc.shared", "io.ordersvc.platform", "io.ordersvc.command",
                "io.ordersvc.query", "io.ordersvc.standalone"}) {
            assertThat(classes.stream().anyMatch(c -> c.getPackageName().startsWith(pkg))).as(pkg).isTrue();
        }
    }

    @Test
    void the_query_side_never_uses_the_command_side() {
        noClasses().that().resideInAPackage("io.ordersvc.query..")
                .should().dependOnClassesThat().resideInAPackage("io.ordersvc.command..")
                .check(classes);
    }

    @Test
    void the_command_side_never_uses_the_query_side() {
        noClasses().that().resideInAPackage("io.ordersvc.command..")
                .should().dependOnClassesThat().resideInAPackage("io.ordersvc.query..")
                .check(classes);
    }

    @Test
    void shared_messages_know_no_spring_and_no_module() {
        noClasses().that().resideInAPackage("io.ordersvc.shared..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "io.ordersvc.platform..", "io.ordersvc.command..", "io.ordersvc.query..")
                .check(classes);
    }

    @Test
    void the_platform_serves_both_sides_without_knowing_either() {
        noClasses().that().resideInAPackage("io.ordersvc.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("io.ordersvc.command..", "io.ordersvc.query..")
                .check(classes);
    }

    @Test
    void read_model_entities_stay_inside_the_query_side() {
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should().resideInAPackage("io.ordersvc.query..")
                .andShould().notBePublic()
                .check(classes);
    }
}
