package io.ordersvc.command.coupon;

import io.ordersvc.shared.coupon.CouponEvent.CouponCodesGenerated;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;

/**
 * Exchange code (its hash) to template, for the command side: a subscribing processor writes it in the transaction
 * that stores the codes, so a code works the moment it was answered. Whether a code is still unused is the
 * template's to say; this only finds the template.
 */
@Component
@ProcessingGroup(CouponCodes.GROUP)
class CouponCodes implements CouponDesk.CodeIndex {

    static final String GROUP = "coupon-codes";

    private final NamedParameterJdbcTemplate jdbc;

    CouponCodes(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CouponCodesGenerated e) {
        jdbc.batchUpdate("INSERT INTO coupon_code_index (code_hash, template_id) VALUES (:hash, :template)",
                e.codeHashes().stream().map(h -> new MapSqlParameterSource().addValue("hash", h)
                        .addValue("template", e.templateId())).toArray(MapSqlParameterSource[]::new));
    }

    @Override
    public Optional<String> templateOf(String codeHash) {
        return jdbc.queryForList("SELECT template_id FROM coupon_code_index WHERE code_hash = :hash",
                Map.of("hash", codeHash), String.class).stream().findFirst();
    }
}
