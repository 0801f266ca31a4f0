package io.ordersvc.query.analytics;

import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Whose figures a caller reads, and over which days: a seller their shop's, an admin the platform's or a shop's. */
@Component
class AnalyticsScope {

    static final int DEFAULT_DAYS = 30;
    static final int MAX_DAYS = 366;

    private final Clock clock;
    private final ZoneId zone;

    AnalyticsScope(Clock clock, AnalyticsZone zone) {
        this.clock = clock;
        this.zone = zone.id();
    }

    /** shopId null: the platform. */
    record Range(String shopId, LocalDate from, LocalDate to) {
    }

    /**
     * @throws Refusal 403 for a seller naming another shop; 400 INVALID_RANGE naming from or to
     */
    Range of(Actor actor, String shopId, LocalDate from, LocalDate to) {
        String shop = shopId;
        if (actor.is(Role.SELLER)) {
            if (shopId != null && !shopId.equals(actor.shopId())) {
                throw Refusal.forbidden("a seller reads their own shop's figures");
            }
            shop = actor.shopId();
        }
        LocalDate end = to != null ? to : LocalDate.now(clock.withZone(zone));
        LocalDate start = from != null ? from : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw Refusal.badRequest("INVALID_RANGE", "to: on or after from " + start).with("field", "to");
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            throw Refusal.badRequest("INVALID_RANGE", "from: at most " + MAX_DAYS + " days before to")
                    .with("field", "from");
        }
        return new Range(shop, start, end);
    }
}
