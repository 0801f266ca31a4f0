package io.ordersvc.query.member;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;

/** member_view: what a buyer spent on completed orders and the level an admin set as a floor. */
@Entity
@Table(name = "member_view")
class MemberViewEntity {
    @Id
    String buyerId;
    BigDecimal spent;
    Integer assignedLevel;
    long version;
}
