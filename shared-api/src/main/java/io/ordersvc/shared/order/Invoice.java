package io.ordersvc.shared.order;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * The invoice a buyer asks for (seed 003 invoice): none, personal (a title, often the buyer's name) or company (its
 * title and its 18-character unified social credit code).
 */
public record Invoice(Type type, String title, String taxNumber) {

    public enum Type {
        NONE,
        PERSONAL,
        COMPANY;

        @JsonValue
        public String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** GB 32100-2015: 18 characters of digits and capital letters other than I, O, S, V and Z. */
    public static final String TAX_NUMBER = "[0-9A-HJ-NPQRTUWXY]{2}\\d{6}[0-9A-HJ-NPQRTUWXY]{10}";
    private static final String CODE_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    /** The shape of a unified social credit code and its check character (GB 32100-2015, modulo 31). */
    public static boolean validTaxNumber(String code) {
        if (code == null || !code.matches(TAX_NUMBER)) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CODE_CHARACTERS.indexOf(code.charAt(i)) * WEIGHTS[i];
        }
        int check = (31 - sum % 31) % 31;
        return code.charAt(17) == CODE_CHARACTERS.charAt(check);
    }

    public boolean wanted() {
        return type != Type.NONE;
    }
}
