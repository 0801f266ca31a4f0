package io.ordersvc.command.promotion;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionCreated;
import io.ordersvc.shared.promotion.PromotionEvent.PromotionEnded;
import io.ordersvc.shared.promotion.PromotionRules;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The command side's own list of promotions by shop and time window, written by a subscribing handler in the
 * transaction that stores the promotion's events: a checkout right after a promotion was created or ended prices
 * with it, or without it, on every instance. One query per checkout finds what runs.
 */
@Component
@ProcessingGroup(PromotionIndex.GROUP)
class PromotionIndex implements RunningPromotions {

    static final String GROUP = "promotion-index";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final NamedParameterJdbcTemplate jdbc;

    PromotionIndex(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PromotionCreated e) throws Exception {
        jdbc.update("INSERT INTO promotion_index (promotion_id, shop_id, starts_at, ends_at, rules) "
                + "VALUES (:id, :shop, :starts, :ends, :rules)", new MapSqlParameterSource()
                .addValue("id", e.promotionId()).addValue("shop", e.shopId())
                .addValue("starts", utc(e.rules().startsAt()))
                .addValue("ends", utc(e.rules().endsAt()))
                .addValue("rules", JSON.writeValueAsString(e.rules())));
    }

    @EventHandler
    void on(PromotionEnded e) {
        jdbc.update("UPDATE promotion_index SET ends_at = :ends WHERE promotion_id = :id AND ends_at > :ends",
                new MapSqlParameterSource().addValue("id", e.promotionId())
                        .addValue("ends", utc(e.endedAt())));
    }

    @Override
    public List<Running> running(Collection<String> shopIds, Instant at) {
        List<Running> running = new ArrayList<>();
        String shops = shopIds.isEmpty() ? "" : "shop_id IN (:shops) OR ";
        jdbc.query("SELECT promotion_id, shop_id, rules FROM promotion_index WHERE (" + shops + "shop_id IS NULL) "
                        + "AND starts_at <= :at AND ends_at > :at ORDER BY promotion_id",
                new MapSqlParameterSource().addValue("shops", shopIds).addValue("at", utc(at)),
                rs -> {
                    try {
                        running.add(new Running(rs.getString(1), rs.getString(2),
                                JSON.readValue(rs.getString(3), PromotionRules.class)));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException("promotion " + rs.getString(1) + " unreadable", e);
                    }
                });
        return running;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
