package io.ordersvc.query.order;

/** What the order projection tells the status counters: an order placed, an order changed, all gone. */
interface OrderCounts {

    /** Counts nothing: one order folded for one answer is no part of the totals. */
    OrderCounts NONE = new OrderCounts() {
        @Override
        public void placed(OrderViewEntity o) {
        }

        @Override
        public void changed(String statusBefore, boolean reviewBefore, boolean refundBefore, boolean printedBefore,
                            OrderViewEntity after) {
        }

        @Override
        public void reset() {
        }
    };

    void placed(OrderViewEntity o);

    /** Compares an order before and after an event and counts the difference. */
    void changed(String statusBefore, boolean reviewBefore, boolean refundBefore, boolean printedBefore,
                 OrderViewEntity after);

    void reset();
}
