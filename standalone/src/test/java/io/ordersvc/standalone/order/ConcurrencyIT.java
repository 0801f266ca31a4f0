package io.ordersvc.standalone.order;

import io.ordersvc.standalone.support.Api;
import io.ordersvc.standalone.support.Api.Response;
import io.ordersvc.standalone.support.Api.Sku;
import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.ordersvc.standalone.support.Api.token;
import static io.ordersvc.standalone.support.Api.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyIT extends IntegrationTest {

    /** Runs every task at the same instant (released by one latch) and returns their responses. */
    private static List<Response> atOnce(List<Callable<Response>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> f : futures) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void with_stock_n_and_m_concurrent_orders_exactly_n_succeed() throws Exception {
        int stock = 5;
        int buyers = 20;
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Sku sku = api.createProduct(seller, "Limited edition", "199.00", stock).get(0);
        long before = storedEvents();

        List<Callable<Response>> orders = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String buyer = token(uniqueId("buyer"), "buyer");
            orders.add(() -> api.placeOrder(buyer, sku.skuId(), 1));
        }
        List<Response> responses = atOnce(orders);

        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(stock);
        assertThat(responses).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.code()).isEqualTo("OUT_OF_STOCK"));
        // Each success stored exactly three events (StockReserved, OrderPlaced, PaymentOpened); each failure none.
        assertThat(storedEvents()).isEqualTo(before + 3L * stock);
        assertThat(api.product(sku.productId(), seller, stock).path("skus").get(0).path("stock").asLong()).isZero();
        List<String> orderNos = responses.stream().filter(r -> r.status() == 201).map(r -> r.text("order_no"))
                .distinct().toList();
        assertThat(orderNos).hasSize(stock);
    }

    @Test
    void an_order_refused_on_its_second_product_keeps_nothing_of_the_first() {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        String buyer = token(uniqueId("buyer"), "buyer");
        Sku plenty = api.createProduct(seller, "Plenty", "1.00", 10).get(0);
        Sku scarce = api.createProduct(seller, "Scarce", "1.00", 1).get(0);
        long before = storedEvents();
        // Products are reserved in id order; whichever comes first, the refusal of the other undoes it.
        api.placeOrder(buyer, plenty.skuId(), 3, scarce.skuId(), 2).expectProblem(409, "OUT_OF_STOCK");
        assertThat(storedEvents()).isEqualTo(before);
        assertThat(api.product(plenty.productId(), buyer, 0).path("skus").get(0).path("stock").asLong())
                .isEqualTo(10);
        api.placeOrder(buyer, plenty.skuId(), 3, scarce.skuId(), 1).expect(201);
    }

    @Test
    void when_pay_races_cancel_exactly_one_wins_and_stock_follows_the_winner() throws Exception {
        String seller = token(uniqueId("seller"), "seller", uniqueId("shop"));
        Sku sku = api.createProduct(seller, "Race", "10.00", 100).get(0);
        int paidWins = 0;
        int cancelWins = 0;
        for (int round = 0; round < 8; round++) {
            String buyer = token(uniqueId("buyer"), "buyer");
            String orderId = api.placeOrder(buyer, sku.skuId(), 1).expect(201).text("order_id");
            List<Response> r = atOnce(List.of(
                    () -> api.pay(orderId, "10.00", "tx-" + orderId),
                    () -> api.post("/api/v1/orders/" + orderId + "/cancel", buyer, Map.of("reason", "race"))));
            Response pay = r.get(0);
            Response cancel = r.get(1);
            assertThat(List.of(pay.status(), cancel.status())).containsExactlyInAnyOrder(200, 409);
            if (pay.status() == 200) {
                paidWins++;
                assertThat(cancel.code()).isEqualTo("ORDER_NOT_CANCELLABLE");
            } else {
                cancelWins++;
                assertThat(pay.code()).isEqualTo("ORDER_NOT_PAYABLE");
            }
            assertThat(api.get("/api/v1/orders/" + orderId + "/history", buyer).body()).hasSize(2);
        }
        // Every order took one unit; every cancelled one gave it back.
        long version = 8 + cancelWins;
        long left = api.product(sku.productId(), seller, version).path("skus").get(0).path("stock").asLong();
        assertThat(left).isEqualTo(100 - paidWins);
    }
}
