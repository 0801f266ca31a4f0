package io.ordersvc.platform.privacy;

import javax.crypto.SecretKey;

/**
 * A buyer's key: keyId names it in every value it sealed; key is null once the buyer was erased (the key is
 * destroyed, whatever it sealed reads as erased).
 */
public record BuyerKey(String keyId, String buyerId, SecretKey key) {

    public boolean erased() {
        return key == null;
    }
}
