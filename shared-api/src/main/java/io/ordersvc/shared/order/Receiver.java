package io.ordersvc.shared.order;

import static io.ordersvc.shared.privacy.PersonalData.ERASED;

/**
 * Who receives the goods and where. regionCode: the district's GB/T 2260 code (checkout prices shipping by it;
 * null in orders placed before it was asked).
 */
public record Receiver(String name, String phone, String province, String city, String district, String address,
                       String zipcode, String regionCode) {

    public Receiver(String name, String phone, String province, String city, String district, String address,
                    String zipcode) {
        this(name, phone, province, city, district, address, zipcode, null);
    }

    /**
     * What a caller that only settles payments or runs jobs (the system role) sees: the region, with the person
     * masked as Chinese shops show it on labels and in lists ("张*", "138****8000", the street address as "***").
     */
    public Receiver masked() {
        return new Receiver(maskName(name), maskPhone(phone), province, city, district,
                address == null || ERASED.equals(address) ? address : "***", zipcode, regionCode);
    }

    /** A name masked; an erased one stays "[erased]". */
    public static String maskName(String name) {
        if (name == null || name.isEmpty() || ERASED.equals(name)) {
            return name;
        }
        return name.substring(0, name.offsetByCodePoints(0, 1)) + "*";
    }

    /** A phone masked; an erased one stays "[erased]". */
    public static String maskPhone(String phone) {
        if (phone == null || ERASED.equals(phone)) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
}
