package io.ordersvc.platform.privacy;

import org.springframework.core.env.Environment;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The master key (ORDERS_PERSONAL_DATA_KEY: 32 bytes, as 64 hex digits or base64) that wraps every buyer's key. A
 * copy of the database without it reads no receiver. Only the embedded default (H2) may fall back to the documented
 * development key; on any other database the service refuses to start without one, as without a JWT secret.
 */
public record PersonalDataSettings(SecretKey master, boolean developmentKey) {

    /** Documented in the README; valid only while the service runs on its embedded database. */
    public static final String DEVELOPMENT_KEY = "6f72646572732d6465762d706572736f6e616c2d646174612d6b65792d303031";

    public static PersonalDataSettings from(Environment env) {
        String key = env.getProperty("orders.personal-data.key", "").trim();
        if (key.isEmpty()) {
            if (env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:")) {
                return new PersonalDataSettings(parse(DEVELOPMENT_KEY), true);
            }
            throw new IllegalStateException("Set ORDERS_PERSONAL_DATA_KEY (32 bytes as 64 hex digits, e.g. openssl "
                    + "rand -hex 32): the development key is only allowed on the embedded database");
        }
        return new PersonalDataSettings(parse(key), key.equalsIgnoreCase(DEVELOPMENT_KEY));
    }

    static SecretKey parse(String key) {
        byte[] bytes;
        try {
            bytes = key.length() == 64 && key.chars().allMatch(c -> Character.digit(c, 16) >= 0)
                    ? HexFormat.of().parseHex(key) : Base64.getDecoder().decode(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ORDERS_PERSONAL_DATA_KEY is neither 64 hex digits nor base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("ORDERS_PERSONAL_DATA_KEY must be 32 bytes, not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
