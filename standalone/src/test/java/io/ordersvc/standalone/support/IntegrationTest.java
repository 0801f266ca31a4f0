package io.ordersvc.standalone.support;

import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.standalone.StandaloneApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole service in one context shared by every HTTP integration test (same configuration, so Spring caches
 * it): real Tomcat on a random port, real JWT security, the database chosen by {@link TestDatabase}.
 */
@SpringBootTest(classes = {StandaloneApplication.class, CleanDatabase.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                OrderServiceLauncher.CONFIG_NAMES_STANDALONE,
                "orders.jwt.secret=" + Api.SECRET,
                "orders.personal-data.key=" + Api.PERSONAL_DATA_KEY,
                "spring.flyway.clean-disabled=false",
                "orders.min-version-wait=2s",
                "axon.eventhandling.processors.orders.token-claim-interval=500",
                "axon.eventhandling.processors.products.token-claim-interval=500",
                "axon.eventhandling.processors.crash-switch.mode=subscribing",
                "axon.eventhandling.processors.order-due-dates.token-claim-interval=500",
                "orders.timers.poll-interval=200ms",
                "orders.timers.window-poll-interval=200ms",
                "orders.members.levels-refresh=0s",
                "orders.payouts.poll-interval=200ms",
                "orders.groups.poll-interval=200ms",
                "orders.archive.every=1d", // OrderArchiveIT sweeps when it means to, not while a test moved the clock
                "orders.webhooks.poll-interval=200ms",
                "orders.metrics.max-age=200ms",
                "orders.webhooks.backoff=100ms",
                "orders.webhooks.allow-http=true",
                "orders.logistics.notification-secret=logistics-it-secret",
                "orders.cors.allowed-origins=https://back-office.example.test, https://*.shops.example.test",
                "orders.payouts.backoff=100ms",
                "orders.payouts.max-backoff=500ms",
                // Low enough that a test can exceed it; no other test counts more than 12 orders of one caller.
                "orders.list.count-cap=12"})
@ContextConfiguration(initializers = {TestDatabase.class, ChannelServer.class})
public abstract class IntegrationTest {

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    protected long storedEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
