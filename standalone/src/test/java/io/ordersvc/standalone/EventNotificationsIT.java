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

    @Test
    void a_listener_whose_connection_was_cut_listens_again_and_wakes_the_processors_meanwhile() throws Exception {
        try (Connection other = connect(); Statement s = other.createStatement()) {
            String listening = "SELECT pid FROM pg_stat_activity WHERE application_name = 'orders-event-listener'"
                    + " AND datname = current_database()";
            int before = awaitListener(s, listening, -1);
            CountDownLatch wokenByTheCut = new CountDownLatch(1);
            var stream = arrivals.openStream(null);
            try {
                stream.setOnAvailableCallback(wokenByTheCut::countDown);
                s.execute("SELECT pg_terminate_backend(" + before + ")");
                assertThat(wokenByTheCut.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                stream.close();
            }

            awaitListener(s, listening, before);
            CountDownLatch woken = new CountDownLatch(1);
            var again = arrivals.openStream(null);
            try {
                again.setOnAvailableCallback(woken::countDown);
                // The new backend shows before it has run LISTEN: notify until one is heard.
                for (int i = 0; i < 20 && woken.getCount() > 0; i++) {
                    s.execute("NOTIFY " + EventNotificationListener.CHANNEL);
                    woken.await(500, TimeUnit.MILLISECONDS);
                }
                assertThat(woken.getCount()).isZero();
            } finally {
                again.close();
            }
        }
    }

    /** The listener's backend once it listens on a connection other than {@code not}; fails after 10 s. */
    private static int awaitListener(Statement s, String query, int not) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (var rows = s.executeQuery(query)) {
                if (rows.next() && rows.getInt(1) != not) {
                    return rows.getInt(1);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no listener on a new connection within 10 s");
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
