package io.ordersvc.query.shop;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** shop_view: a shop's profile as last saved. */
@Entity
@Table(name = "shop_view")
class ShopViewEntity {
    @Id
    String shopId;
    String name;
    String servicePhone;
    String returnAddresses;
    long version;
}
