package io.ordersvc.command.order;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import io.ordersvc.platform.FeatureApi;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Order numbers: 20 digits, {@code yyyyMMddHHmmss} (UTC) + node (3 digits) + counter (3 digits). Sortable by
 * creation time as text and as a number, unique across instances because each instance draws its own node number
 * from a database sequence once at start-up: no database row is touched per order. Past 1000 orders in one
 * second a node borrows the next second, so numbers stay unique and increasing.
 */
@Component
@FeatureApi // checkout numbers its orders and its pay numbers
public class OrderNumbers {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final int node;
    private long second;
    private int counter;

    @Autowired
    public OrderNumbers(Clock clock, JdbcTemplate jdbc, @Value("${orders.node-id:-1}") int configuredNode) {
        this.clock = clock;
        this.node = configuredNode >= 0 ? configuredNode % 1000 : drawNode(jdbc);
    }

    OrderNumbers(Clock clock, int node) {
        this.clock = clock;
        this.node = node;
    }

    private static int drawNode(JdbcTemplate jdbc) {
        Long value = jdbc.queryForObject("SELECT nextval('order_node_seq')", Long.class);
        return (int) (value % 1000);
    }

    public int node() {
        return node;
    }

    /** The next number; only drawing the second and counter holds the lock, the formatting does not. */
    public String next() {
        long now = clock.instant().getEpochSecond();
        long at;
        int n;
        synchronized (this) {
            if (now > second) {
                second = now;
                counter = 0;
            } else if (++counter > 999) {
                second++;
                counter = 0;
            }
            at = second;
            n = counter;
        }
        return SECONDS.format(Instant.ofEpochSecond(at)) + String.format("%03d%03d", node, n);
    }
}
