package io.ordersvc.shared.privacy;

import java.util.List;

/**
 * An event that carries a buyer's personal data (PIPL/GDPR): its receiver's name, phone and street address. The
 * event store keeps them sealed with the buyer's own key (platform's PersonalDataSerializer), the read models too;
 * erasing the buyer destroys the key, and from then on they read as {@link #ERASED}. The region (province, city,
 * district, region code) and the zipcode stay readable: shipping fees and analytics need them and they name nobody.
 */
public interface PersonalData {

    /** What an erased value reads as, everywhere. */
    String ERASED = "[erased]";
    /** A stored value sealed with a buyer's key: {@code pd1:<key id>:<base64url of IV, ciphertext and tag>}. */
    String SEALED_PREFIX = "pd1:";
    /** A stored value written in clear before values were sealed (an upcaster marks them); erasure scrubs them. */
    String CLEAR_PREFIX = "pd0:";
    /** Where the sealed values are in the stored event, as JSON pointers. */
    List<String> FIELDS = List.of("/receiver/name", "/receiver/phone", "/receiver/address");

    /** Whose data it is: the buyer whose key seals it. */
    String dataSubject();
}
