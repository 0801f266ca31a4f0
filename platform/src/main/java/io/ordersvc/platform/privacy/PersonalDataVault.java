package io.ordersvc.platform.privacy;

import io.ordersvc.platform.ids.RandomUuids;
import io.ordersvc.platform.ids.ThreadRandom;
import io.ordersvc.shared.privacy.PersonalData;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seals and opens buyers' personal data (AES-256-GCM with a synthetic IV, one key per buyer, the key id as
 * associated data) and makes
 * the blind tokens receiver searches match on.
 * <p>
 * A sealed value is {@code pd1:<key id>:<base64url(IV ‖ ciphertext ‖ tag)>}; opening it with a destroyed key gives
 * {@link PersonalData#ERASED}. Values of before sealing come marked {@code pd0:} (an upcaster) or bare (old read
 * model rows) and open as they are.
 * <p>
 * Search tokens: receiver search is "contains" on the name and on the phone's digits. Ciphertext cannot be searched,
 * so each row also keeps the HMAC-SHA256 (first 8 bytes) of every substring of its normalised name and of every
 * substring of at least {@link #MIN_PHONE_DIGITS} digits of its phone, under one search key derived from the
 * master key: a seller searches across buyers, so it cannot be the buyer's key. Erasure deletes the tokens.
 */
public final class PersonalDataVault {

    /** A name is indexed on its first 32 characters (every substring of them). */
    public static final int MAX_NAME_CHARS = 32;
    /** Phone searches need at least 3 digits: shorter ones match nearly every order. */
    public static final int MIN_PHONE_DIGITS = 3;


    private final KeyRing keys;
    private final SecretKeySpec searchKey;
    /** A receiver has some 50 tokens: each thread keeps its MAC under the search key instead of making 50. */
    private final ThreadLocal<Mac> searchMac;

    public PersonalDataVault(KeyRing keys, SecretKey master) {
        this.keys = keys;
        this.searchKey = BuyerKey.derive(master, "orders/receiver-search/v1");
        this.searchMac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(searchKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A vault whose keys live in memory, under the development key: for tests and tools. */
    public static PersonalDataVault inMemory() {
        return inMemory(new MemoryKeyRing());
    }

    /** A vault over these keys in memory, under the development key. */
    public static PersonalDataVault inMemory(MemoryKeyRing keys) {
        return new PersonalDataVault(keys, PersonalDataSettings.parse(PersonalDataSettings.DEVELOPMENT_KEY));
    }

    /**
     * Refuses to store more of an erased buyer's personal data: an order or a receiver for it could never be read.
     *
     * @throws io.ordersvc.shared.error.Refusal 409 BUYER_ERASED
     */
    public void requireNotErased(String buyerId) {
        if (keys.forBuyer(buyerId).erased()) {
            throw io.ordersvc.shared.error.Refusal.conflict("BUYER_ERASED", "buyer " + buyerId
                    + " was erased: no personal data of it is stored again");
        }
    }

    /** The value sealed with the buyer's key; null stays null, erased stays erased, an erased buyer's is erased. */
    public String seal(String buyerId, String value) {
        if (value == null || PersonalData.ERASED.equals(value) || value.startsWith(PersonalData.SEALED_PREFIX)) {
            return value;
        }
        String plain = value.startsWith(PersonalData.CLEAR_PREFIX)
                ? value.substring(PersonalData.CLEAR_PREFIX.length()) : value;
        BuyerKey key = keys.forBuyer(buyerId);
        if (key.erased()) {
            return PersonalData.ERASED;
        }
        try {
            byte[] all = Aead.seal(key.key(), syntheticIv(key, plain), key.keyId().getBytes(StandardCharsets.US_ASCII),
                    plain.getBytes(StandardCharsets.UTF_8));
            return PersonalData.SEALED_PREFIX + key.keyId() + ":"
                    + Base64.getUrlEncoder().withoutPadding().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal personal data", e);
        }
    }

    /**
     * The IV of a value: an HMAC of it under a key derived from the buyer's (a synthetic IV, as in AES-SIV). The same
     * value of the same buyer seals to the same text, so a rebuilt read model equals the live one byte for byte and
     * checksums compare them; it shows only that two of one buyer's values are equal. Two different values get the
     * same IV with a chance of 2^-96, never by design.
     */
    private static byte[] syntheticIv(BuyerKey key, String plain) {
        return java.util.Arrays.copyOf(hmac(key.ivKey(), plain), Aead.IV_BYTES);
    }

    /** The value in clear: {@link PersonalData#ERASED} when its key was destroyed; values never sealed as they are. */
    public String open(String stored) {
        if (stored == null) {
            return null;
        }
        if (stored.startsWith(PersonalData.CLEAR_PREFIX)) {
            return stored.substring(PersonalData.CLEAR_PREFIX.length());
        }
        if (!stored.startsWith(PersonalData.SEALED_PREFIX)) {
            return stored;
        }
        int colon = stored.indexOf(':', PersonalData.SEALED_PREFIX.length());
        if (colon < 0) {
            return PersonalData.ERASED;
        }
        String keyId = stored.substring(PersonalData.SEALED_PREFIX.length(), colon);
        BuyerKey key = keys.byId(keyId);
        if (key == null || key.erased()) {
            return PersonalData.ERASED;
        }
        try {
            byte[] all = Base64.getUrlDecoder().decode(stored.substring(colon + 1));
            return new String(Aead.open(key.key(), keyId.getBytes(StandardCharsets.US_ASCII), all),
                    StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("personal data sealed with key " + keyId + " does not open", e);
        }
    }

    /** The blind tokens of a receiver's name and phone, for a row's search column (empty for erased values). */
    public Long[] searchTokens(String name, String phone) {
        Set<Long> tokens = new LinkedHashSet<>();
        String n = normalisedName(name);
        if (n != null) {
            int[] chars = n.codePoints().limit(MAX_NAME_CHARS).toArray();
            for (int from = 0; from < chars.length; from++) {
                for (int to = from + 1; to <= chars.length; to++) {
                    tokens.add(token('n', new String(chars, from, to - from)));
                }
            }
        }
        String digits = digits(phone);
        if (digits != null) {
            for (int from = 0; from < digits.length(); from++) {
                for (int to = from + MIN_PHONE_DIGITS; to <= digits.length(); to++) {
                    tokens.add(token('p', digits.substring(from, to)));
                }
            }
        }
        return tokens.toArray(Long[]::new);
    }

    /** The token a name search looks for; null when the keyword is longer than names are indexed on. */
    public Long nameToken(String keyword) {
        String n = normalisedName(keyword);
        return n == null || n.codePointCount(0, n.length()) > MAX_NAME_CHARS ? null : token('n', n);
    }

    /** The token a phone search looks for; null when the keyword has fewer than {@link #MIN_PHONE_DIGITS} digits. */
    public Long phoneToken(String keyword) {
        String digits = digits(keyword);
        return digits == null || digits.length() < MIN_PHONE_DIGITS ? null : token('p', digits);
    }

    private static String normalisedName(String name) {
        if (name == null || PersonalData.ERASED.equals(name)) {
            return null;
        }
        String n = name.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        return n.isEmpty() ? null : n;
    }

    private static String digits(String phone) {
        if (phone == null || PersonalData.ERASED.equals(phone)) {
            return null;
        }
        String d = phone.replaceAll("[^0-9]", "");
        return d.isEmpty() ? null : d;
    }

    private long token(char kind, String gram) {
        return ByteBuffer.wrap(searchMac.get().doFinal((kind + ":" + gram).getBytes(StandardCharsets.UTF_8)))
                .getLong();
    }

    private static byte[] hmac(SecretKey key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh random AES-256 key. */
    static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, ThreadRandom.current());
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys in memory: each buyer gets one on first use; erase destroys it. */
    public static final class MemoryKeyRing implements KeyRing {
        private final Map<String, BuyerKey> byBuyer = new ConcurrentHashMap<>();
        private final Map<String, BuyerKey> byId = new ConcurrentHashMap<>();

        @Override
        public BuyerKey forBuyer(String buyerId) {
            return byBuyer.computeIfAbsent(buyerId, b -> {
                BuyerKey key = new BuyerKey(RandomUuids.next().toString(), b, newKey());
                byId.put(key.keyId(), key);
                return key;
            });
        }

        @Override
        public BuyerKey byId(String keyId) {
            return byId.get(keyId);
        }

        public void erase(String buyerId) {
            BuyerKey erased = new BuyerKey(forBuyer(buyerId).keyId(), buyerId, null);
            byBuyer.put(buyerId, erased);
            byId.put(erased.keyId(), erased);
        }
    }
}
