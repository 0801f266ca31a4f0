package io.ordersvc.query.member;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** member_levels_view: the platform's levels (one row) as a JSON document. */
@Entity
@Table(name = "member_levels_view")
class MemberLevelsEntity {
    @Id
    String levelsId;
    String levels;
    long version;
}
