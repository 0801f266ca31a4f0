package io.ordersvc.command.payment;

import io.ordersvc.platform.FeatureApi;
import io.ordersvc.shared.payment.PaymentEvent.PaymentOpened;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Opens the payment of a pay number with its orders, in checkout's unit of work: it exists exactly when they do. */
@Component
@FeatureApi // checkout opens the payment of the orders it places
public class PaymentBook {

    private final Repository<Payment> payments;

    public PaymentBook(Repository<Payment> payments) {
        this.payments = payments;
    }

    /** @param orderIds the orders that have money to collect (none: nothing is opened) */
    public void open(String payNo, String buyerId, List<String> orderIds, Instant now) throws Exception {
        if (!orderIds.isEmpty()) {
            payments.newInstance(() -> new Payment(new PaymentOpened(payNo, buyerId, List.copyOf(orderIds), now)));
        }
    }
}
