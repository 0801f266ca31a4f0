package io.ordersvc.standalone;

import io.ordersvc.platform.axon.EventAnnouncer;
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
 * On PostgreSQL every instance's appends wake every instance's event processors: each instance announces its appends
 * once they have committed, and listens for every instance's announcements (the split deployment and many instances
 * rely on it).
 */
class EventNotificationsIT extends IntegrationTest {

    @Autowired
    EventArrivals arrivals;

    /** PostgreSQL's only: on H2 there is none, and the tests are skipped (the field must not fail them first). */
    @Autowired(required = false)
    EventAnnouncer announcer;

    @BeforeEach
    void onPostgresOnly() {
        assumeTrue(TestDatabase.postgres(), "LISTEN/NOTIFY is PostgreSQL's");
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(TestDatabase.postgresUrl(), TestDatabase.user(),
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
    void the_append_is_announced_after_its_commit_by_a_connection_of_its_own_naming_the_head() throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        try (Connection listener = connect(); Statement s = listener.createStatement()) {
            // No trigger notifies from inside the appending transaction: PostgreSQL would serialize those commits.
            try (var rows = s.executeQuery("SELECT count(*) FROM pg_trigger WHERE tgrelid = 'domain_event_entry'::regclass"
                    + " AND NOT tgisinternal")) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
            s.execute("LISTEN " + EventNotificationListener.CHANNEL);
            PGConnection pg = listener.unwrap(PGConnection.class);
            drain(pg, 100); // whatever earlier tests' appends announced
            int announcing = awaitAnnouncer(-1);

            api.createProduct(seller, "Announced", "5.00", 3);
            long head;
            try (var rows = s.executeQuery("SELECT max(global_index) FROM domain_event_entry")) {
                rows.next();
                head = rows.getLong(1);
            }
            // This instance's notifications come from its announcer, not from the backend that ran the command.
            List<PGNotification> heard = drain(pg, 5000).stream().filter(n -> n.getPID() == announcing).toList();
            assertThat(heard).isNotEmpty();
            assertThat(heard.stream().mapToLong(n -> Long.parseLong(n.getParameter())).max().orElseThrow())
                    .isGreaterThanOrEqualTo(head);
        }
    }

    @Test
    void a_commands_commit_names_the_position_its_events_took_to_this_instances_processors_without_an_announcement()
            throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        announcer.stop();
        try (Connection other = connect(); Statement s = other.createStatement()) {
            awaitNoAnnouncer();
            CountDownLatch woken = new CountDownLatch(1);
            var stream = arrivals.openStream(null);
            String product;
            try {
                stream.setOnAvailableCallback(woken::countDown);
                product = api.createProduct(seller, "Positioned", "5.00", 3).get(0).productId();
                assertThat(woken.getCount()).isZero(); // by the commit, before the command answered
            } finally {
                stream.close();
            }
            try (var rows = s.executeQuery("SELECT max(global_index) FROM domain_event_entry"
                    + " WHERE aggregate_identifier = '" + product + "'")) {
                rows.next();
                assertThat(arrivals.namedPosition()).isGreaterThanOrEqualTo(rows.getLong(1)).isPositive();
            }
        } finally {
            announcer.start();
            awaitAnnouncer(-1);
        }
    }

    @Test
    void while_its_announcing_connection_is_cut_an_instance_wakes_its_own_processors_and_then_announces_again()
            throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        try (Connection other = connect(); Statement s = other.createStatement()) {
            int before = awaitAnnouncer(-1);
            s.execute("SELECT pg_terminate_backend(" + before + ")");
            CountDownLatch woken = new CountDownLatch(1);
            var stream = arrivals.openStream(null);
            try {
                stream.setOnAvailableCallback(woken::countDown);
                api.createProduct(seller, "Cut", "5.00", 3);
                assertThat(woken.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                stream.close();
            }

            int after = awaitAnnouncer(before);
            s.execute("LISTEN " + EventNotificationListener.CHANNEL);
            PGConnection pg = other.unwrap(PGConnection.class);
            List<PGNotification> heard = new ArrayList<>();
            // The new backend shows before the announcer has prepared its statement: append until one is heard.
            for (int i = 0; i < 20 && heard.stream().noneMatch(n -> n.getPID() == after); i++) {
                api.createProduct(seller, "Again " + i, "5.00", 3);
                heard.addAll(drain(pg, 500));
            }
            assertThat(heard).anySatisfy(n -> assertThat(n.getPID()).isEqualTo(after));
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
            int before = awaitBackend(s, LISTENER, -1);
            CountDownLatch wokenByTheCut = new CountDownLatch(1);
            var stream = arrivals.openStream(null);
            try {
                stream.setOnAvailableCallback(wokenByTheCut::countDown);
                s.execute("SELECT pg_terminate_backend(" + before + ")");
                assertThat(wokenByTheCut.await(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                stream.close();
            }

            awaitBackend(s, LISTENER, before);
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

    private static final String LISTENER = "SELECT pid FROM pg_stat_activity"
            + " WHERE application_name = 'orders-event-listener' AND datname = current_database()";

    /** This instance's announcing backend once it is connected and one other than {@code not}; fails after 10 s. */
    private int awaitAnnouncer(int not) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            int pid = announcer.pid();
            if (pid > 0 && pid != not) {
                return pid;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no announcing connection other than " + not + " within 10 s");
    }

    /** Until this instance's announcer has no connection (stopped); fails after 10 s. */
    private void awaitNoAnnouncer() {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (announcer.pid() > 0) {
            if (System.nanoTime() > until) {
                throw new AssertionError("the announcer still has a connection after 10 s");
            }
            Thread.onSpinWait();
        }
    }

    /** The backend {@code query} finds once it is one other than {@code not}; fails after 10 s. */
    private static int awaitBackend(Statement s, String query, int not) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (var rows = s.executeQuery(query)) {
                if (rows.next() && rows.getInt(1) != not) {
                    return rows.getInt(1);
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no backend on a new connection within 10 s: " + query);
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
