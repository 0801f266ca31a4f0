package io.ordersvc.platform.privacy;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * A buyer's key: keyId names it in every value it sealed; key is null once the buyer was erased (the key is
 * destroyed, whatever it sealed reads as erased). ivKey is derived from it once, for the synthetic IVs of its values
 * (PersonalDataVault): deriving it per value cost an HMAC key schedule each.
 */
public record BuyerKey(String keyId, String buyerId, SecretKey key, SecretKey ivKey) {

    public BuyerKey(String keyId, String buyerId, SecretKey key) {
        this(keyId, buyerId, key, key == null ? null : derive(key, "orders/personal-data-iv/v1"));
    }

    public boolean erased() {
        return key == null;
    }

    /** HMAC-SHA256 of the label under the key, as an HMAC key. */
    static SecretKeySpec derive(SecretKey key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return new SecretKeySpec(mac.doFinal(label.getBytes(StandardCharsets.US_ASCII)), "HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
