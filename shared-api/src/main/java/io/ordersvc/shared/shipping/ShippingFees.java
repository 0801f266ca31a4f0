package io.ordersvc.shared.shipping;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.shipping.FreightRules.Charge;
import io.ordersvc.shared.shipping.FreightRules.FreeShipping;
import io.ordersvc.shared.shipping.FreightRules.RegionCharge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What shipping costs: a pure function of freight rules, a region and what is shipped. The same code quotes
 * {@code GET /shipping-fee} on the query side and prices every order on the command side.
 */
public final class ShippingFees {

    /** The charge of one template: the rule that priced it ("default" or the matching region code). */
    public record Quote(Money fee, String rule, String freeReason) {
    }

    /**
     * One order line as shipping sees it: its template (or the product's unified fee when it has none), units and
     * per-unit weight, and the amount paid for it (free shipping by amount counts what the buyer pays for goods).
     */
    public record ShippedLine(String freightTemplateId, Money unifiedShippingFee, int quantity, long unitWeightGrams,
                              Money amount) {
    }

    /** An order's fee: each template's group charged once, plus the highest unified fee of lines without one. */
    public record OrderShipping(Money fee, Map<String, Quote> byTemplate, Money unifiedFee) {
    }

    private ShippingFees() {
    }

    /**
     * @throws Refusal REGION_NOT_DELIVERABLE when the template does not deliver to the region
     */
    public static Quote quote(FreightRules rules, String regionCode, long count, long weightGrams, Money amount) {
        for (String code : rules.undeliverableRegions()) {
            if (RegionCode.covers(code, regionCode)) {
                throw Refusal.unprocessable("REGION_NOT_DELIVERABLE",
                        "\"" + rules.name() + "\" does not deliver to region " + regionCode);
            }
        }
        String rule = "default";
        Charge charge = rules.defaultCharge();
        int best = 0;
        for (RegionCharge region : rules.regions()) {
            for (String code : region.regionCodes()) {
                if (RegionCode.covers(code, regionCode) && RegionCode.level(code) > best) {
                    best = RegionCode.level(code);
                    rule = code;
                    charge = region.charge();
                }
            }
        }
        for (FreeShipping free : rules.freeShipping()) {
            if (applies(free, regionCode, count, amount)) {
                return new Quote(Money.ZERO, rule, reason(free));
            }
        }
        return new Quote(charge(charge, rules.chargeBy() == ChargeBy.WEIGHT ? weightGrams : count), rule, null);
    }

    /**
     * @throws Refusal REGION_CODE_REQUIRED when a line ships by a template and no region is given;
     *                 FREIGHT_TEMPLATE_NOT_FOUND when a line's template is not in {@code templates}
     */
    public static OrderShipping forOrder(List<ShippedLine> lines, Map<String, FreightRules> templates,
                                         String regionCode) {
        Map<String, List<ShippedLine>> groups = new LinkedHashMap<>();
        Money unified = Money.ZERO;
        for (ShippedLine line : lines) {
            if (line.freightTemplateId() != null) {
                groups.computeIfAbsent(line.freightTemplateId(), t -> new ArrayList<>()).add(line);
            } else if (line.unifiedShippingFee() != null && line.unifiedShippingFee().compareTo(unified) > 0) {
                unified = line.unifiedShippingFee();
            }
        }
        if (!groups.isEmpty() && (regionCode == null || !RegionCode.isValid(regionCode))) {
            throw Refusal.unprocessable("REGION_CODE_REQUIRED",
                    "receiver.region_code (the district's GB/T 2260 code) is needed to price shipping");
        }
        Money fee = unified;
        Map<String, Quote> quotes = new LinkedHashMap<>();
        for (var group : groups.entrySet()) {
            FreightRules rules = templates.get(group.getKey());
            if (rules == null) {
                throw Refusal.unprocessable("FREIGHT_TEMPLATE_NOT_FOUND",
                        "freight template " + group.getKey() + " does not exist");
            }
            long count = 0;
            long weight = 0;
            Money amount = Money.ZERO;
            for (ShippedLine line : group.getValue()) {
                count += line.quantity();
                weight += line.quantity() * line.unitWeightGrams();
                amount = amount.plus(line.amount());
            }
            Quote quote = quote(rules, regionCode, count, weight, amount);
            quotes.put(group.getKey(), quote);
            fee = fee.plus(quote.fee());
        }
        return new OrderShipping(fee, quotes, unified);
    }

    static Money charge(Charge charge, long units) {
        if (units <= 0) {
            return Money.ZERO;
        }
        if (units <= charge.first() || charge.additional() <= 0) {
            return charge.firstFee();
        }
        long steps = (units - charge.first() + charge.additional() - 1) / charge.additional();
        return charge.firstFee().plus(charge.additionalFee().times(steps));
    }

    private static boolean applies(FreeShipping free, String regionCode, long count, Money amount) {
        boolean region = free.regionCodes().isEmpty()
                || free.regionCodes().stream().anyMatch(code -> RegionCode.covers(code, regionCode));
        return region && (free.minAmount() == null || amount.compareTo(free.minAmount()) >= 0)
                && (free.minCount() == null || count >= free.minCount());
    }

    /** As Chinese shops word it: "满¥99.00包邮", "满3件包邮", "满¥99.00且满3件包邮", "指定地区包邮". */
    static String reason(FreeShipping free) {
        List<String> conditions = new ArrayList<>();
        if (free.minAmount() != null) {
            conditions.add("满¥" + free.minAmount());
        }
        if (free.minCount() != null) {
            conditions.add("满" + free.minCount() + "件");
        }
        return conditions.isEmpty() ? (free.regionCodes().isEmpty() ? "包邮" : "指定地区包邮")
                : String.join("且", conditions) + "包邮";
    }

    /** The problems of a template's rules, for the aggregate's guard; empty when they are sound. */
    public static List<String> problems(FreightRules rules) {
        List<String> problems = new ArrayList<>();
        check(rules.defaultCharge(), "default", problems);
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < rules.regions().size(); i++) {
            RegionCharge region = rules.regions().get(i);
            if (region.regionCodes().isEmpty()) {
                problems.add("regions[" + i + "].region_codes: at least one code");
            }
            codes(region.regionCodes(), "regions[" + i + "].region_codes", problems);
            for (String code : region.regionCodes()) {
                Integer before = seen.putIfAbsent(code, i);
                if (before != null) {
                    problems.add("regions[" + i + "].region_codes: " + code + " is already in regions[" + before + "]");
                }
            }
            check(region.charge(), "regions[" + i + "]", problems);
        }
        for (int i = 0; i < rules.freeShipping().size(); i++) {
            codes(rules.freeShipping().get(i).regionCodes(), "free_shipping[" + i + "].region_codes", problems);
        }
        codes(rules.undeliverableRegions(), "undeliverable_regions", problems);
        return problems;
    }

    private static void codes(List<String> codes, String field, List<String> problems) {
        for (String code : codes) {
            if (!RegionCode.isValid(code)) {
                problems.add(field + ": " + code + " is not a GB/T 2260 region code");
            }
        }
    }

    private static void check(Charge charge, String field, List<String> problems) {
        if (charge == null) {
            problems.add(field + ": missing");
            return;
        }
        if (charge.first() < 1) {
            problems.add(field + ".first: at least 1");
        }
        if (charge.additional() < 0) {
            problems.add(field + ".additional: not negative");
        }
        if (charge.firstFee().isNegative() || charge.additionalFee().isNegative()) {
            problems.add(field + ": fees are not negative");
        }
    }
}
