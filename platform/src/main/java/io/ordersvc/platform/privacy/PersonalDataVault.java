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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
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
 * so each row also keeps the HMAC-SHA256 (first 8 bytes) of every substring of its normalised name and of each
 * three digits of its phone with their position, under one search key derived from the master key: a seller
 * searches across buyers, so it cannot be the buyer's key. Erasure deletes the tokens.
 * <p>
 * A phone's digits at each position, three at a time, name every substring of it: a phone holds {@code 0013800} where
 * it has {@code 001} at some position k, {@code 380} at k + 3 and {@code 800} at k + 4 ({@link #phoneSearch}). An
 * 11-digit phone has 9 such tokens; every substring of at least {@link #MIN_PHONE_DIGITS} digits was 45, each a key
 * of the search index to write for every order (bench/README.md, session 47). Rows written before keep those, and
 * a phone search matches both.
 */
public final class PersonalDataVault {

    /** A name is indexed on its first 32 characters (every substring of them). */
    public static final int MAX_NAME_CHARS = 32;
    /** Phone searches need at least 3 digits: shorter ones match nearly every order. */
    public static final int MIN_PHONE_DIGITS = 3;
    /** A phone is indexed on its first 20 digits, as many as a receiver's phone may have. */
    public static final int MAX_PHONE_DIGITS = 20;

    /**
     * What a receiver search matches: a row whose tokens include every token of one of the alternatives. A name is
     * one token; a phone's digits, one alternative a position they may start at, and the token of the rows written
     * before positions were.
     */
    public record TokenSearch(List<Long[]> alternatives) {

        /** Whether a row with these tokens matches: what the search index answers, here for one row. */
        public boolean matches(java.util.Collection<Long> tokens) {
            return alternatives.stream().anyMatch(a -> tokens.containsAll(List.of(a)));
        }
    }


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
            String indexed = digits.substring(0, Math.min(digits.length(), MAX_PHONE_DIGITS));
            for (int at = 0; at + MIN_PHONE_DIGITS <= indexed.length(); at++) {
                tokens.add(phoneGram(at, indexed.substring(at, at + MIN_PHONE_DIGITS)));
            }
        }
        return tokens.toArray(Long[]::new);
    }

    /**
     * The token a row written before positions were holds for each substring of its phone's digits (at least
     * {@link #MIN_PHONE_DIGITS} of them).
     */
    public long substringToken(String digits) {
        return token('p', digits);
    }

    /** The token of {@link #MIN_PHONE_DIGITS} digits of a phone at a position of it. */
    private long phoneGram(int position, String digits) {
        return token('q', position + ":" + digits);
    }

    /** The token a name search looks for; null when the keyword is longer than names are indexed on. */
    public Long nameToken(String keyword) {
        String n = normalisedName(keyword);
        return n == null || n.codePointCount(0, n.length()) > MAX_NAME_CHARS ? null : token('n', n);
    }

    /** What a name search matches; null when the keyword is longer than names are indexed on. */
    public TokenSearch nameSearch(String keyword) {
        Long token = nameToken(keyword);
        return token == null ? null : new TokenSearch(List.<Long[]>of(new Long[]{token}));
    }

    /**
     * What a phone search matches: for each position its digits may start at, the tokens of their three-digit
     * groups there (every third, and the last three: together they are every digit), and the one token of a row
     * written before positions were. Null when the keyword has fewer than {@link #MIN_PHONE_DIGITS} digits; none
     * match when it has more than {@link #MAX_PHONE_DIGITS}.
     */
    public TokenSearch phoneSearch(String keyword) {
        String digits = digits(keyword);
        if (digits == null || digits.length() < MIN_PHONE_DIGITS) {
            return null;
        }
        List<Long[]> alternatives = new ArrayList<>();
        alternatives.add(new Long[]{substringToken(digits)});
        for (int start = 0; start + digits.length() <= MAX_PHONE_DIGITS; start++) {
            List<Long> grams = new ArrayList<>();
            for (int i = 0; i < digits.length(); i += MIN_PHONE_DIGITS) {
                int from = Math.min(i, digits.length() - MIN_PHONE_DIGITS);
                grams.add(phoneGram(start + from, digits.substring(from, from + MIN_PHONE_DIGITS)));
            }
            alternatives.add(grams.toArray(Long[]::new));
        }
        return new TokenSearch(List.copyOf(alternatives));
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
