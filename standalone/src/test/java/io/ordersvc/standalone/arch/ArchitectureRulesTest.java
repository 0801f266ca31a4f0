package io.ordersvc.standalone.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each house rule holds on the production code, and fails on its deliberate violation in io.ordersvc.archfixture. */
class ArchitectureRulesTest {

    static final String ROOT = "io.ordersvc";
    static final String FIXTURES = "io.ordersvc.archfixture";
    static JavaClasses production;
    static JavaClasses violations;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        violations = new ClassFileImporter().importPackages(FIXTURES);
    }

    @Test
    void features_use_each_other_only_through_their_api() {
        ArchitectureRules.featuresUseEachOtherOnlyThroughTheirApi(ROOT, "command").check(production);
        ArchitectureRules.featuresUseEachOtherOnlyThroughTheirApi(ROOT, "query").check(production);
        assertThatThrownBy(() -> ArchitectureRules.featuresUseEachOtherOnlyThroughTheirApi(FIXTURES, "command")
                .check(violations)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("BetaUsesAlphaInternals").hasMessageContaining("AlphaInternal");
    }

    @Test
    void controllers_hold_no_rules() {
        ArchitectureRules.controllersHoldNoRules(ROOT).check(production);
        assertThatThrownBy(() -> ArchitectureRules.controllersHoldNoRules(FIXTURES).check(violations))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("AlphaAggregate").hasMessageContaining("Money.times");
    }

    @Test
    void the_command_side_makes_no_random_ids_of_its_own() {
        ArchitectureRules.commandSideMakesNoRandomIds(ROOT).check(production);
        assertThatThrownBy(() -> ArchitectureRules.commandSideMakesNoRandomIds(FIXTURES).check(violations))
                .isInstanceOf(AssertionError.class).hasMessageContaining("AlphaInternal.newId");
    }

    @Test
    void secure_randomness_comes_from_each_threads_own_generator() {
        ArchitectureRules.randomnessComesFromThreadRandom(ROOT).check(production);
        assertThatThrownBy(() -> ArchitectureRules.randomnessComesFromThreadRandom(FIXTURES).check(violations))
                .isInstanceOf(AssertionError.class).hasMessageContaining("AlphaInternal.newId")
                .hasMessageContaining("AlphaInternal.secret");
    }

    @Test
    void no_state_is_spelled_as_a_string_literal() {
        assertThat(ArchitectureRules.STATE_VALUES).contains("pending_payment", "applying", "auto_confirm");
        ArchitectureRules.noStateLiterals(ROOT).check(production);
        assertThatThrownBy(() -> ArchitectureRules.noStateLiterals(FIXTURES).check(violations))
                .isInstanceOf(AssertionError.class).hasMessageContaining("\"pending_payment\"");
    }
}
