package io.ordersvc.platform.privacy;

/** Where buyers' keys are kept: the personal_data_key table, or memory (tests, folds without a database). */
public interface KeyRing {

    /** The buyer's key, made on first use; an erased buyer's has no key and gets none again. */
    BuyerKey forBuyer(String buyerId);

    /** The key that sealed a value, or null when no such key was ever made. */
    BuyerKey byId(String keyId);
}
