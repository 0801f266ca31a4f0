package io.ordersvc.standalone;

import io.ordersvc.platform.axon.EventArrivals;
import io.ordersvc.platform.axon.EventNotificationListener;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On PostgreSQL every instance's appends wake every instance's event processors: the event table notifies when an
 * appending transaction commits, and the service listens (the split deployment and many instances rely on it).
 */
class EventNotificationsIT extends IntegrationTest {

    @Autowired
    EventArrivals arrivals;

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "LISTEN/NOTIFY is PostgreSQL's");
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(System.getProperty("orders.test.jdbc-url"), TestDatabase.user(),
                TestDatabase.password());
    }

    @Test
    void a_committed_append_notifies_whoever_listens_and_a_refused_command_does_not() throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        try (Connection listener = connect(); Statement s = listener.createStatement()) {
            s.execute("LISTEN " + EventNotificationListener.CHANNEL);
            PGConnection pg = listener.unwrap(PGConnection.class);

            Map<String, Object> sku = Map.of("sku_code", "A", "price", "1.00", "stock", 1);
            api.post("/api/v1/products", seller, Map.of("name", "Twice A", "skus", List.of(sku, sku)))
                    .expectProblem(422, "DUPLICATE_SKU_CODE");
            assertThat(drain(pg, 300)).isEmpty();

            api.createProduct(seller, "Notified", "5.00", 3);
            assertThat(drain(pg, 5000)).isNotEmpty()
                    .allSatisfy(n -> assertThat(n.getName()).isEqualTo(EventNotificationListener.CHANNEL));
        }
    }

    @Test
    void a_notification_from_another_instance_wakes_this_instances_processors() throws Exception {
        CountDownLatch woken = new CountDownLatch(1);
        var stream = arrivals.openStream(null);
        try (Connection other = connect(); Statement s = other.createStatement()) {
            stream.setOnAvailableCallback(woken::countDown);
            s.execute("NOTIFY " + EventNotificationListener.CHANNEL);
            assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            stream.close();
        }
    }

    /** Every notification that arrives within the wait. */
    private static List<PGNotification> drain(PGConnection pg, int waitMillis) throws Exception {
        List<PGNotification> received = new ArrayList<>();
        PGNotification[] batch = pg.getNotifications(waitMillis);
        while (batch != null && batch.length > 0) {
            received.addAll(List.of(batch));
            batch = pg.getNotifications(100);
        }
        return received;
    }
}
