package io.ordersvc.shared.shop;

/** Where buyers send goods back to (seed 000 agree-refund backAddrs); one of a shop's is its default. */
public record ReturnAddress(String addressId, String name, String phone, String address,
                            @com.fasterxml.jackson.annotation.JsonProperty("default") boolean isDefault) {

    /** The address as a return approval records it for the buyer: who, phone, where. */
    public String line() {
        return address + " " + name + " " + phone;
    }
}
