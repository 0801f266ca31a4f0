package io.ordersvc.standalone;

import io.ordersvc.platform.axon.ProjectionPace;
import io.ordersvc.standalone.support.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command gate follows the live projection alone: the background processors' batches wait on purpose (analytics
 * half a second), and their events' ages are no reason to admit fewer commands.
 */
class ProjectionPaceIT extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionPace pace;

    @Test
    void only_the_orders_processor_reports_to_the_pace_and_it_once() {
        var processors = processing.eventProcessors().keySet();
        assertThat(processors).contains("orders", "analytics", "products", "order-due-dates");

        for (String name : processors) {
            long watching = processing.interceptorsFor(name).stream().filter(i -> i == pace.interceptor()).count();
            assertThat(watching).as(name).isEqualTo(name.equals("orders") ? 1 : 0);
        }
    }
}
