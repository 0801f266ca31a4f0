package io.ordersvc.standalone;

import io.ordersvc.standalone.support.IntegrationTest;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which processors' batches commit without waiting for the disk (ProjectionTransactions): every tracking processor
 * that writes only what the events give again, and none of the rest.
 */
class ProjectionCommitsIT extends IntegrationTest {

    @Autowired
    org.axonframework.config.Configuration axon;

    @Test
    void the_projections_figures_due_dates_and_webhook_deliveries_commit_as_projection_batches() {
        var processing = axon.eventProcessingConfiguration();
        TransactionManager batches = processing.transactionManager("orders");

        for (String processor : List.of("products", "order-due-dates", "analytics", "webhook-deliveries")) {
            assertThat(processing.transactionManager(processor)).as(processor).isSameAs(batches);
        }
        assertThat(batches).isNotSameAs(axon.getComponent(TransactionManager.class));
        assertThat(processing.transactionManager("payouts")).as("payouts call out: their own transactions")
                .isNotSameAs(batches);
    }
}
