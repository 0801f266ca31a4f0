package io.ordersvc.platform.axon;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTargetsTest {

    record Ship(@TargetAggregateIdentifier String orderId, String carrier) {
    }

    record Edit(@TargetAggregateIdentifier String productId, @TargetAggregateVersion Long expected) {
    }

    record Renumber(@TargetAggregateIdentifier String id, @TargetAggregateVersion String version) {
    }

    static class Legacy {
        @TargetAggregateIdentifier
        private final String walletId;

        Legacy(String walletId) {
            this.walletId = walletId;
        }
    }

    record Anonymous(String orderId) {
    }

    private final CommandTargets targets = new CommandTargets();
    private final AnnotationCommandTargetResolver axon = AnnotationCommandTargetResolver.builder().build();

    @Test
    void resolvesWhatAxonsResolverResolves() {
        for (Object command : new Object[] {new Ship("o-1", "SF"), new Edit("p-1", 7L), new Edit("p-2", null),
                new Renumber("x", "12"), new Legacy("w-1")}) {
            var message = GenericCommandMessage.asCommandMessage(command);
            VersionedAggregateIdentifier mine = targets.resolveTarget(message);
            VersionedAggregateIdentifier theirs = axon.resolveTarget(message);
            assertThat(mine.getIdentifierValue()).isEqualTo(theirs.getIdentifierValue());
            assertThat(mine.getVersion()).isEqualTo(theirs.getVersion());
        }
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Edit("p-1", 7L))).getVersion())
                .isEqualTo(7L);
        // The second command of a class is read through the accessors the first one found.
        assertThat(targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Ship("o-2", "YTO")))
                .getIdentifier()).isEqualTo("o-2");
    }

    @Test
    void refusesACommandWithoutATarget() {
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Anonymous("o-1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Anonymous]");
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Ship(null, "SF"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not identify the target");
        assertThatThrownBy(() -> targets.resolveTarget(GenericCommandMessage.asCommandMessage(new Renumber("x", "v1"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a number");
    }
}
