package io.ordersvc.query.promotion;

import io.ordersvc.query.support.JsonText;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.promotion.PromotionQuery;
import io.ordersvc.shared.promotion.PromotionQuery.ListPromotions;
import io.ordersvc.shared.promotion.PromotionQuery.PromotionPage;
import io.ordersvc.shared.promotion.PromotionQuery.PromotionView;
import io.ordersvc.shared.promotion.PromotionRules;
import io.ordersvc.shared.promotion.PromotionStatus;
import jakarta.persistence.criteria.Predicate;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Promotions are public: any signed-in caller sees what a shop or the platform runs. */
@Component
@Transactional(readOnly = true)
public class PromotionQueries {

    private static final TypeReference<PromotionRules> RULES = new TypeReference<>() {
    };

    private final PromotionViewRepository promotions;
    private final Clock clock;

    PromotionQueries(PromotionViewRepository promotions, Clock clock) {
        this.promotions = promotions;
        this.clock = clock;
    }

    public Optional<Long> version(String promotionId) {
        return promotions.findVersion(promotionId);
    }

    @QueryHandler
    PromotionView handle(PromotionQuery query) {
        return promotions.lookup(query.promotionId()).map(row -> view(row, clock.instant()))
                .orElseThrow(() -> Refusal.promotionNotFound(query.promotionId()));
    }

    @QueryHandler
    PromotionPage handle(ListPromotions query) {
        Instant now = clock.instant();
        Specification<PromotionViewEntity> matching = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            if (query.platform()) {
                where.add(cb.isNull(root.get("shopId")));
            } else if (query.shopId() != null) {
                where.add(cb.or(cb.equal(root.get("shopId"), query.shopId()), cb.isNull(root.get("shopId"))));
            }
            if (query.active() != null) {
                Predicate running = cb.and(cb.lessThanOrEqualTo(root.get("startsAt"), now),
                        cb.greaterThan(root.get("endsAt"), now));
                where.add(query.active() ? running : cb.not(running));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        var page = promotions.findAll(matching, PageRequest.of(query.page() - 1, query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("promotionId"))));
        return PromotionPage.of(page.getContent().stream().map(row -> view(row, now)).toList(), query.page(),
                query.size(), page.getTotalElements());
    }

    @QueryHandler
    PromotionQuery.RunningList handle(PromotionQuery.RunningQuery query) {
        Specification<PromotionViewEntity> running = (root, q, cb) -> cb.and(
                query.shopIds().isEmpty() ? cb.isNull(root.get("shopId"))
                        : cb.or(root.get("shopId").in(query.shopIds()), cb.isNull(root.get("shopId"))),
                cb.lessThanOrEqualTo(root.get("startsAt"), query.at()),
                cb.greaterThan(root.get("endsAt"), query.at()));
        return new PromotionQuery.RunningList(promotions.findAll(running).stream()
                .map(row -> new PromotionQuery.Running(row.promotionId, row.shopId, JsonText.read(row.rules, RULES)))
                .toList());
    }

    private static PromotionView view(PromotionViewEntity row, Instant now) {
        PromotionRules rules = JsonText.read(row.rules, RULES);
        return new PromotionView(row.promotionId, row.shopId, row.name, rules.type(),
                PromotionStatus.at(now, row.startsAt, row.endsAt), row.startsAt, row.endsAt, row.endedAt,
                rules.productIds(), rules.tiers(), rules.repeat(), rules.maxReduction(), rules.gifts(),
                rules.memberLevels(), row.createdAt, row.version);
    }
}
