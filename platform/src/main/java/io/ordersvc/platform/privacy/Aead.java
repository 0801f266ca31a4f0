package io.ordersvc.platform.privacy;

import io.ordersvc.platform.ids.ThreadRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

/** AES-256-GCM as this package stores it: IV ‖ ciphertext ‖ tag, with associated data. */
final class Aead {

    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private Aead() {
    }

    /** A fresh random IV. */
    static byte[] randomIv() {
        byte[] iv = new byte[IV_BYTES];
        ThreadRandom.current().nextBytes(iv);
        return iv;
    }

    static byte[] seal(SecretKey key, byte[] iv, byte[] associated, byte[] plain) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(associated);
        byte[] sealed = cipher.doFinal(plain);
        return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    }

    static byte[] open(SecretKey key, byte[] associated, byte[] sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
        cipher.updateAAD(associated);
        return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    }
}
