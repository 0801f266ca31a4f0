package io.ordersvc.shared.shipping;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.ordersvc.shared.money.Money;

import java.util.List;

/**
 * A freight template's rules (seed 000 calculate-shipping, 001 freight fields): a default charge, charges for regions,
 * free shipping by amount or count, and regions not delivered to. Units are pieces or grams, as {@link #chargeBy}.
 */
public record FreightRules(String name, ChargeBy chargeBy, @JsonProperty("default") Charge defaultCharge, List<RegionCharge> regions,
                           List<FreeShipping> freeShipping, List<String> undeliverableRegions) {

    public FreightRules {
        regions = regions == null ? List.of() : List.copyOf(regions);
        freeShipping = freeShipping == null ? List.of() : List.copyOf(freeShipping);
        undeliverableRegions = undeliverableRegions == null ? List.of() : List.copyOf(undeliverableRegions);
    }

    /** The first {@code first} units cost {@code firstFee}; every further {@code additional} units (or part) cost
     * {@code additionalFee}. */
    public record Charge(long first, Money firstFee, long additional, Money additionalFee) {

        public Charge {
            firstFee = firstFee == null ? Money.ZERO : firstFee;
            additionalFee = additionalFee == null ? Money.ZERO : additionalFee;
        }
    }

    /** A charge for some regions; flat in JSON, as the template's request writes it. */
    public record RegionCharge(List<String> regionCodes, long first, Money firstFee, long additional,
                               Money additionalFee) {

        public RegionCharge {
            regionCodes = regionCodes == null ? List.of() : List.copyOf(regionCodes);
        }

        @JsonIgnore
        public Charge charge() {
            return new Charge(first, firstFee, additional, additionalFee);
        }
    }

    /** Free when every condition given holds (no region codes: everywhere; no condition: always). */
    public record FreeShipping(List<String> regionCodes, Money minAmount, Integer minCount) {

        public FreeShipping {
            regionCodes = regionCodes == null ? List.of() : List.copyOf(regionCodes);
        }
    }
}
