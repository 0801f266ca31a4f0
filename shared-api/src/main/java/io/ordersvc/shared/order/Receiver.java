package io.ordersvc.shared.order;

public record Receiver(String name, String phone, String province, String city, String district, String address,
                       String zipcode) {
}
