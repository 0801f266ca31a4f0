package io.ordersvc.shared.shipping;

import java.util.regex.Pattern;

/**
 * GB/T 2260 administrative division codes: six digits, {@code PP0000} a province, {@code PPCC00} a city,
 * {@code PPCCDD} a district. A rule's code covers itself and every division under it.
 */
public final class RegionCode {

    /** Provinces 11 (北京) to 82 (澳门); a province's code ends 0000, a district's city part is never 00. */
    public static final String PATTERN = "(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12])(0000|(?!00)\\d{4})";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private RegionCode() {
    }

    public static boolean isValid(String code) {
        return code != null && VALID.matcher(code).matches();
    }

    /** 1 a province, 2 a city, 3 a district: how specific a rule on this code is. */
    public static int level(String code) {
        if (code.endsWith("0000")) {
            return 1;
        }
        return code.endsWith("00") ? 2 : 3;
    }

    /** Whether a rule on {@code rule} covers the division {@code region} (itself or one under it). */
    public static boolean covers(String rule, String region) {
        return switch (level(rule)) {
            case 1 -> region.regionMatches(0, rule, 0, 2);
            case 2 -> region.regionMatches(0, rule, 0, 4);
            default -> region.equals(rule);
        };
    }
}
