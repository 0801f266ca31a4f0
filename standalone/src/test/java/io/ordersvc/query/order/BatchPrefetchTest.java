package io.ordersvc.query.order;

import io.ordersvc.query.support.BatchTable.Prefetch;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.OrderEvent.OrderPaid;
import io.ordersvc.shared.order.OrderEvent.OrderPlaced;
import io.ordersvc.shared.order.OrderEvent.OrderShipped;
import io.ordersvc.shared.order.OrderLine;
import io.ordersvc.shared.order.OrderType;
import io.ordersvc.shared.order.Receiver;
import io.ordersvc.shared.order.ShipmentLine;
import io.ordersvc.standalone.support.IntegrationTest;
import io.ordersvc.standalone.support.TestDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SerializationException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A batch of events loads the rows it names in one query per table, as the processors hand it over (a
 * BatchingUnitOfWork), instead of one query per row.
 */
class BatchPrefetchTest extends IntegrationTest {

    static final Instant T0 = Instant.parse("2026-03-04T05:06:07Z");

    @Autowired
    DataSource dataSource;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    OrderCounters counters;

    final AtomicInteger queries = new AtomicInteger();
    OrderProjection projection;

    /** Counts the statements that read rows, and any other statement made outside the batch's writes. */
    JdbcTemplate countingJdbc() {
        return new JdbcTemplate(dataSource) {
            @Override
            public void execute(String sql) {
                queries.incrementAndGet();
                super.execute(sql);
            }

            @Override
            public void query(String sql, RowCallbackHandler rch, Object... args) {
                queries.incrementAndGet();
                super.query(sql, rch, args);
            }

            @Override
            public void query(PreparedStatementCreator psc, RowCallbackHandler rch) {
                queries.incrementAndGet();
                super.query(psc, rch);
            }

            @Override
            public <T> T execute(PreparedStatementCreator psc,
                                 org.springframework.jdbc.core.PreparedStatementCallback<T> action) {
                if (psc instanceof org.springframework.jdbc.core.SqlProvider named
                        && named.getSql().startsWith("SELECT")) {
                    queries.incrementAndGet(); // the tables' lookups sent together (PostgreSQL)
                }
                return super.execute(psc, action);
            }
        };
    }

    void handle(List<EventMessage<?>> batch) {
        tx.executeWithoutResult(status -> {
            try {
                new BatchingUnitOfWork<>(batch).executeWithResult(() -> {
                    EventMessage<?> m = (EventMessage<?>) CurrentUnitOfWork.get().getMessage();
                    if (m instanceof Unreadable) {
                        return null;
                    }
                    long sequence = ((GenericDomainEventMessage<?>) m).getSequenceNumber();
                    if (m.getPayload() instanceof OrderPlaced e) {
                        projection.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
                    } else if (m.getPayload() instanceof OrderPaid e) {
                        projection.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
                    } else if (m.getPayload() instanceof OrderShipped e) {
                        projection.on(e, sequence, java.time.Instant.EPOCH.plusSeconds(sequence));
                    }
                    return null;
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static EventMessage<?> event(String orderId, long sequence, Object payload) {
        return new GenericDomainEventMessage<>("Order", orderId, sequence, payload);
    }

    /** Places and pays {@code count} orders of two lines each; returns the shipments of all of them. */
    List<EventMessage<?>> placedAndPaid(int count, List<String> orderIds) {
        List<EventMessage<?>> placed = new ArrayList<>();
        List<EventMessage<?>> shipped = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String orderId = UUID.randomUUID().toString();
            String first = UUID.randomUUID().toString();
            String second = UUID.randomUUID().toString();
            orderIds.add(orderId);
            placed.add(event(orderId, 0, new OrderPlaced(orderId, String.format("%020d", Math.abs((long) orderId.hashCode())),
                    "prefetch-buyer", "prefetch-shop", OrderType.PHYSICAL,
                    List.of(line(first), line(second)),
                    new Receiver("王五", "13700001111", "p", "c", "d", "a", null), null, Money.of("10.00"),
                    Money.ZERO, Money.ZERO, Money.of("10.00"), 0, 10, T0, T0.plusSeconds(3600))));
            placed.add(event(orderId, 1, new OrderPaid(orderId, Money.of("10.00"), "alipay", "T" + i,
                    T0.plusSeconds(1))));
            shipped.add(event(orderId, 2, new OrderShipped(orderId, UUID.randomUUID().toString(), "SF", "顺丰",
                    "SF" + i, List.of(new ShipmentLine(first, 1), new ShipmentLine(second, 1)), true,
                    T0.plusSeconds(2), T0.plusSeconds(2).plus(java.time.Duration.ofDays(10)))));
        }
        handle(placed);
        return shipped;
    }

    void assertShipped(List<String> orderIds) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String orderId : orderIds) {
            assertThat(jdbc.queryForList("SELECT shipped_quantity FROM order_line_view WHERE order_id = ?",
                    Integer.class, orderId)).containsExactly(1, 1);
            assertThat(jdbc.queryForObject("SELECT status FROM order_view WHERE order_id = ?", String.class,
                    orderId)).isEqualTo("shipped");
        }
    }

    /** The order projection, counting its reads. */
    OrderProjection countingProjection() {
        return new OrderProjection(new OrderTables(countingJdbc()), counters,
                io.ordersvc.platform.privacy.PersonalDataVault.inMemory());
    }

    /** Ships {@code orders} placed and paid orders in one batch; returns the statements that batch read with. */
    int queriesToShip(int orders) {
        projection = countingProjection();
        List<String> orderIds = new ArrayList<>();
        List<EventMessage<?>> shipped = placedAndPaid(orders, orderIds);

        queries.set(0);
        handle(shipped);

        assertShipped(orderIds);
        return queries.get();
    }

    @Test
    void a_batch_of_shipments_loads_its_orders_and_shipped_lines_in_one_query_each() {
        // The batch's 12 orders in one query, their 24 shipped lines in another (36 without), sent together on
        // PostgreSQL. Their search rows are not read (a tracking number is searched in its shipment's row).
        assertThat(queriesToShip(12)).isEqualTo(TestDatabase.postgres() ? 1 : 2);
    }

    @Test
    void a_small_batch_loads_its_rows_in_one_query_per_table_too() {
        // Live traffic hands a processor a few events at a time: each table is still one round trip (2 orders and
        // 4 lines were 6 lookups by key), and nothing is set around the query (plan_cache_mode was two more).
        assertThat(queriesToShip(2)).isEqualTo(TestDatabase.postgres() ? 1 : 2);
    }

    @Test
    void the_batch_query_is_planned_for_its_keys_each_time_never_prepared_on_the_server() {
        assumeTrue(TestDatabase.postgres(), "server-side prepared statements are PostgreSQL's");
        projection = countingProjection();
        // One connection for all of it: the driver prepares a statement on the server from its fifth use on it.
        List<String> prepared = tx.execute(status -> {
            for (int round = 0; round < 8; round++) {
                handle(placedAndPaid(9, new ArrayList<>()));
            }
            return new JdbcTemplate(dataSource).queryForList(
                    "SELECT statement FROM pg_prepared_statements WHERE statement LIKE '%= ANY(%'", String.class);
        });

        // A generic plan made while a table is small is a sequential scan, and a rebuild's tables start empty.
        assertThat(prepared).isEmpty();
    }

    /** An event whose stored payload no longer deserializes. */
    static final class Unreadable extends GenericDomainEventMessage<OrderShipped> {
        Unreadable(String orderId) {
            super("Order", orderId, 9, null);
        }

        @Override
        public Class<OrderShipped> getPayloadType() {
            return OrderShipped.class;
        }

        @Override
        public OrderShipped getPayload() {
            throw new SerializationException("unreadable payload");
        }
    }

    @Test
    void an_unreadable_payload_names_no_rows_and_the_rest_of_the_batch_is_still_loaded_ahead() {
        projection = countingProjection();
        String orderId = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        handle(List.of(event(orderId, 0, new OrderPlaced(orderId, String.format("%020d",
                        Math.abs((long) orderId.hashCode())), "prefetch-buyer", "prefetch-shop", OrderType.PHYSICAL,
                        List.of(line(first), line(second)),
                        new Receiver("王五", "13700001111", "p", "c", "d", "a", null), null, Money.of("10.00"),
                        Money.ZERO, Money.ZERO, Money.of("10.00"), 0, 10, T0, T0.plusSeconds(3600))),
                event(orderId, 1, new OrderPaid(orderId, Money.of("10.00"), "alipay", "T", T0.plusSeconds(1)))));

        // The handler of the unreadable event is not called here: in a processor it fails on its own event.
        handle(List.of(new Unreadable(UUID.randomUUID().toString()),
                event(orderId, 2, new OrderShipped(orderId, UUID.randomUUID().toString(), "SF", "顺丰", "SF0",
                        List.of(new ShipmentLine(first, 1), new ShipmentLine(second, 1)), true, T0.plusSeconds(2),
                        T0.plusSeconds(2).plus(java.time.Duration.ofDays(10))))));

        assertThat(new JdbcTemplate(dataSource).queryForList(
                "SELECT shipped_quantity FROM order_line_view WHERE order_id = ?", Integer.class, orderId))
                .containsExactly(1, 1);
    }

    static OrderLine line(String lineId) {
        return new OrderLine(lineId, "p", "s", "S", "Widget", null, Map.of(), Money.of("5.00"), null, 1,
                Money.of("5.00"));
    }

    @Test
    void prefetch_keys_come_from_the_named_payload_type_only_and_combine() {
        Prefetch shippedLines = Prefetch.named(OrderShipped.class,
                e -> e.lines().stream().map(ShipmentLine::orderLineId).toList());
        Prefetch both = Prefetch.aggregates("Order").and(shippedLines);
        EventMessage<?> shipment = event("o-1", 2, new OrderShipped("o-1", "s-1", "SF", "顺丰", "SF1",
                List.of(new ShipmentLine("l-1", 1), new ShipmentLine("l-2", 1)), true, T0,
                T0.plus(java.time.Duration.ofDays(10))));
        EventMessage<?> payment = event("o-1", 1, new OrderPaid("o-1", Money.of("1.00"), "alipay", "T", T0));

        assertThat(shippedLines.keys(shipment)).containsExactly("l-1", "l-2");
        assertThat(shippedLines.keys(payment)).isEmpty();
        assertThat(both.keys(shipment)).containsExactly("o-1", "l-1", "l-2");
        assertThat(both.keys(payment)).containsExactly("o-1");
        assertThat(Prefetch.aggregates("Order").keys(GenericEventMessage.asEventMessage("not a domain event")))
                .isEmpty();
    }
}
