package io.ordersvc.query.coupon;

import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.query.support.ReadModelWait;
import io.ordersvc.shared.coupon.CouponQuery.CouponList;
import io.ordersvc.shared.coupon.CouponQuery.CouponTemplatePage;
import io.ordersvc.shared.coupon.CouponQuery.CouponView;
import io.ordersvc.shared.coupon.CouponQuery.ListCouponTemplates;
import io.ordersvc.shared.coupon.CouponQuery.ListCoupons;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.BUYER;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Coupons")
public class CouponQueryController {

    private final QueryGateway queries;
    private final CouponQueries coupons;
    private final ReadModelWait wait;
    private final CurrentActor actor;

    public CouponQueryController(QueryGateway queries, CouponQueries coupons, ReadModelWait wait,
                                 CurrentActor actor) {
        this.queries = queries;
        this.coupons = coupons;
        this.wait = wait;
        this.actor = actor;
    }

    @RolesAllowed({BUYER})
    @GetMapping("/coupons")
    @Operation(operationId = "myCoupons", summary = "The buyer's coupons (buyer)",
            description = "status=usable: not used and not past use_until (soonest ending first; one whose use_from "
                    + "is ahead is listed too); used: used, or locked by an unpaid order (its status says which); "
                    + "expired: never used and past use_until. At most 500 of one status. min_version: the version "
                    + "a claim or an exchange answered.")
    public ResponseEntity<List<CouponView>> coupons(@RequestParam(required = false)
                                                    @Pattern(regexp = "usable|used|expired",
                                                            message = "must be usable, used or expired")
                                                    @Schema(allowableValues = {"usable", "used", "expired"})
                                                    String status,
                                                    @RequestParam(name = "min_version", required = false)
                                                    @PositiveOrZero Long minVersion) {
        Actor caller = actor.get();
        return wait.read(caller, minVersion, () -> coupons.version(caller.id()),
                () -> queries.query(new ListCoupons(caller.id(), status), CouponList.class).join().coupons());
    }

    @RolesAllowed({BUYER, SELLER, ADMIN})
    @GetMapping("/coupon-templates")
    @Operation(operationId = "listCouponTemplates", summary = "Coupon templates, newest first",
            description = "A buyer sees those that may be claimed now (optionally of one shop); a seller sees "
                    + "their own shop's; an admin every one, or one shop's with shop_id. left: what may still be "
                    + "claimed or granted.")
    public CouponTemplatePage templates(@RequestParam(name = "shop_id", required = false) @Size(min = 1, max = 64)
                                        String shopId,
                                        @RequestParam(defaultValue = "1") @Min(1) @Max(100_000) int page,
                                        @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        Actor caller = actor.get();
        boolean buyer = caller.is(Role.BUYER);
        String shop = caller.is(Role.SELLER) ? caller.shopId() : shopId;
        return queries.query(new ListCouponTemplates(shop, buyer, page, size), CouponTemplatePage.class).join();
    }
}
