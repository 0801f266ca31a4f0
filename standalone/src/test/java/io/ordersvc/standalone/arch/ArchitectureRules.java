package io.ordersvc.standalone.arch;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.FieldVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.LineRefundState;
import io.ordersvc.shared.order.OrderStatus;
import io.ordersvc.shared.order.RefundOutcome;
import io.ordersvc.shared.order.TimerType;
import io.ordersvc.shared.refund.RefundStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The house rules (CONVENTIONS.md: rooms, one rule one place), as ArchUnit rules over a root package: the
 * production code under {@code io.ordersvc}, and deliberate violations under {@code io.ordersvc.archfixture} that
 * show each rule failing (ArchitectureRulesTest).
 */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /**
     * The values of the state enums: a string literal spelling one of them should be the enum. (Log actions are
     * enums too, but their words double as column names, such as deleted_by_buyer.)
     */
    static final Set<String> STATE_VALUES = new TreeSet<>();

    static {
        Stream.of(OrderStatus.values()).map(OrderStatus::value).forEach(STATE_VALUES::add);
        Stream.of(RefundStatus.values()).map(RefundStatus::value).forEach(STATE_VALUES::add);
        Stream.of(LineRefundState.values()).map(LineRefundState::value).forEach(STATE_VALUES::add);
        Stream.of(RefundOutcome.values()).map(RefundOutcome::value).forEach(STATE_VALUES::add);
        Stream.of(TimerType.values()).map(TimerType::value).forEach(STATE_VALUES::add);
    }

    /**
     * Inside a module (command or query), a feature package uses another feature only through the classes that
     * one marks {@link FeatureApi}, or through shared-api messages; the module's support and web packages are
     * shared by all.
     */
    static ArchRule featuresUseEachOtherOnlyThroughTheirApi(String root, String module) {
        return slices().matching(root + "." + module + ".(*)..").namingSlices("feature $1 of " + module)
                .should().notDependOnEachOther()
                .ignoreDependency(DescribedPredicate.alwaysTrue(), exposed(root + "." + module))
                .because("features talk through shared-api messages or the other feature's @FeatureApi classes");
    }

    private static DescribedPredicate<JavaClass> exposed(String modulePackage) {
        return DescribedPredicate.describe("@FeatureApi or shared support", c -> {
            JavaClass outermost = c;
            while (outermost.getEnclosingClass().isPresent()) {
                outermost = outermost.getEnclosingClass().get();
            }
            return outermost.isAnnotatedWith(FeatureApi.class)
                    || outermost.getPackageName().startsWith(modulePackage + ".support")
                    || outermost.getPackageName().startsWith(modulePackage + ".web");
        });
    }

    /** Controllers bind, send and map: no aggregates, no repositories, no money arithmetic. */
    static ArchRule controllersHoldNoRules(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat(DescribedPredicate.describe("aggregates and repositories", c ->
                        c.isAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                                || c.isAssignableTo(org.axonframework.modelling.command.Repository.class)
                                || c.isAssignableTo(org.springframework.data.repository.Repository.class)))
                .orShould().callMethodWhere(DescribedPredicate.describe("Money arithmetic", (JavaMethodCall call) ->
                        call.getTargetOwner().isEquivalentTo(Money.class)
                                && Set.of("plus", "minus", "times", "negate").contains(call.getName())))
                .because("business rules live in aggregates, handlers and shared-api, not in controllers");
    }

    /** Ids come from the injected IdGenerator, so tests can predict them. */
    static ArchRule commandSideMakesNoRandomIds(String root) {
        return noClasses().that().resideInAPackage(root + ".command..")
                .should().callMethod(UUID.class, "randomUUID")
                .orShould().callMethod("io.ordersvc.platform.ids.RandomUuids", "next")
                .because("ids come from the injected org.springframework.util.IdGenerator");
    }

    /**
     * Secure randomness comes from each thread's own generator ({@code ThreadRandom}): the JVM's default one is a
     * single lock that every request and event processor queued for (bench/README.md, session 19).
     */
    static ArchRule randomnessComesFromThreadRandom(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .and().doNotHaveFullyQualifiedName("io.ordersvc.platform.ids.ThreadRandom")
                .should().callMethod(UUID.class, "randomUUID")
                .orShould().callConstructor(java.security.SecureRandom.class)
                .orShould().callMethod(java.security.SecureRandom.class, "getInstance", String.class)
                .because("ThreadRandom and RandomUuids draw from a generator per thread, not from the JVM's one lock");
    }

    /** A state, timer type or log action is written as its enum, never as a string literal. */
    static ArchRule noStateLiterals(String root) {
        return classes().that().resideInAPackage(root + "..").and().areNotEnums()
                .should(new ArchCondition<>("spell no state as a string literal " + "(one of the enums' values)") {
                    @Override
                    public void check(JavaClass javaClass, ConditionEvents events) {
                        for (String literal : stringConstants(javaClass)) {
                            if (STATE_VALUES.contains(literal)) {
                                events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName()
                                        + " spells the state \"" + literal + "\" as a string literal"));
                            }
                        }
                    }
                });
    }

    /** Every string constant a class's bytecode loads or declares (ldc operands, constant field values). */
    static Set<String> stringConstants(JavaClass javaClass) {
        Set<String> found = new TreeSet<>();
        String resource = "/" + javaClass.getName().replace('.', '/') + ".class";
        try (InputStream in = javaClass.reflect().getResourceAsStream(resource)) {
            if (in == null) {
                return found;
            }
            Function<Object, Void> keep = v -> {
                if (v instanceof String s) {
                    found.add(s);
                }
                return null;
            };
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public FieldVisitor visitField(int access, String name, String descriptor, String signature,
                                               Object value) {
                    keep.apply(value);
                    return null;
                }

                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitLdcInsn(Object value) {
                            keep.apply(value);
                        }
                    };
                }
            }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }
}
