package io.ordersvc.archfixture.query;

/** Compares a status with a string literal instead of the enum. */
public class StateLiteral {

    public boolean pending(String status) {
        return "pending_payment".equals(status);
    }
}
