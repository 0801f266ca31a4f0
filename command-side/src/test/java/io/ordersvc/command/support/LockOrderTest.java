package io.ordersvc.command.support;

import io.ordersvc.command.support.LockOrder.Rank;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockOrderTest {

    @Test
    void a_refund_then_its_order_then_products_by_id_is_the_one_order_allowed() {
        assertThatCode(() -> inOneUnitOfWork(() -> {
            LockOrder.check(Rank.REFUND, "r-1");
            LockOrder.check(Rank.ORDER, "o-1");
            LockOrder.check(Rank.PRODUCT, "p-1");
            LockOrder.check(Rank.PRODUCT, "p-1"); // the same aggregate again
            LockOrder.check(Rank.PRODUCT, "p-2");
        })).doesNotThrowAnyException();
    }

    @Test
    void a_cart_comes_first_and_loading_it_again_after_its_products_takes_no_new_lock() {
        assertThatCode(() -> inOneUnitOfWork(() -> {
            LockOrder.check(Rank.CART, "cart-b1");
            LockOrder.check(Rank.PRODUCT, "p-1");
            LockOrder.check(Rank.CART, "cart-b1"); // the checkout takes its items out at the end
        })).doesNotThrowAnyException();
        assertThatThrownBy(() -> inOneUnitOfWork(() -> {
            LockOrder.check(Rank.ORDER, "o-1");
            LockOrder.check(Rank.CART, "cart-b1");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("CART cart-b1 loaded after ORDER o-1");
    }

    @Test
    void an_order_loaded_after_a_product_breaks_the_order() {
        assertThatThrownBy(() -> inOneUnitOfWork(() -> {
            LockOrder.check(Rank.PRODUCT, "p-1");
            LockOrder.check(Rank.ORDER, "o-1");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("ORDER o-1 loaded after PRODUCT p-1");
    }

    @Test
    void products_out_of_id_order_break_the_order() {
        assertThatThrownBy(() -> inOneUnitOfWork(() -> {
            LockOrder.check(Rank.PRODUCT, "p-2");
            LockOrder.check(Rank.PRODUCT, "p-1");
        })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void each_unit_of_work_starts_afresh() {
        inOneUnitOfWork(() -> LockOrder.check(Rank.PRODUCT, "p-9"));
        assertThatCode(() -> inOneUnitOfWork(() -> LockOrder.check(Rank.REFUND, "r-1")))
                .doesNotThrowAnyException();
    }

    private static void inOneUnitOfWork(Runnable work) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            work.run();
        } finally {
            unitOfWork.rollback();
        }
    }
}
