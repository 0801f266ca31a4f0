package io.ordersvc.command.shop;

import io.ordersvc.shared.error.DomainException;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.identity.Role;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopCommand;
import io.ordersvc.shared.shop.ShopCommand.SaveShopProfile;
import io.ordersvc.shared.shop.ShopEvent.ShopProfileSaved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A shop's profile: its seller's, one default return address, and the address a return approval gets. */
class ShopTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    static final String PROFILE = ShopCommand.profileId("shop-1");
    static final Actor SELLER = new Actor("seller-1", Role.SELLER, "shop-1");
    static final Actor OTHER_SELLER = new Actor("seller-9", Role.SELLER, "shop-9");
    static final Actor BUYER = new Actor("buyer-1", Role.BUYER, null);
    static final ReturnAddress A = new ReturnAddress("a-1", "退货组", "021-1", "上海市张江路1号", false);
    static final ReturnAddress B = new ReturnAddress("a-2", "仓库", "021-2", "苏州市工业园2号", true);

    /** What a return approval asks of the profile, in its unit of work. */
    record Resolve(String addressId) {
    }

    static final class Handler {
        private final ShopProfiles profiles;

        Handler(ShopProfiles profiles) {
            this.profiles = profiles;
        }

        @CommandHandler
        String handle(Resolve c) {
            return profiles.returnAddress("shop-1", c.addressId()).map(ReturnAddress::line).orElse("none");
        }
    }

    private AggregateTestFixture<Shop> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Shop.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerAnnotatedCommandHandler(new Handler(new ShopProfiles(fixture.getRepository())));
    }

    static Matcher<?> refusal(String code) {
        return Matchers.predicate(e -> e instanceof DomainException d && d.code().equals(code));
    }

    static SaveShopProfile save(Actor actor, List<ReturnAddress> addresses) {
        return new SaveShopProfile(PROFILE, "shop-1", "小米旗舰店", "400-100", addresses, actor);
    }

    static ShopProfileSaved saved(List<ReturnAddress> addresses) {
        return new ShopProfileSaved("shop-1", "小米旗舰店", "400-100", addresses, "seller-1", NOW);
    }

    @Test
    void a_seller_saves_the_profile_of_their_shop_and_the_same_again_changes_nothing() {
        fixture.givenNoPriorActivity().when(save(SELLER, List.of(A, B))).expectEvents(saved(List.of(A, B)));
        fixture.given(saved(List.of(A, B))).when(save(SELLER, List.of(A, B))).expectNoEvents();
        fixture.givenNoPriorActivity().when(save(OTHER_SELLER, List.of())).expectNoEvents()
                .expectException(refusal("FORBIDDEN"));
        fixture.givenNoPriorActivity().when(save(BUYER, List.of())).expectNoEvents()
                .expectException(refusal("FORBIDDEN"));
    }

    @Test
    void exactly_one_address_is_the_default() {
        ReturnAddress aDefault = new ReturnAddress("a-1", "退货组", "021-1", "上海市张江路1号", true);
        ReturnAddress bPlain = new ReturnAddress("a-2", "仓库", "021-2", "苏州市工业园2号", false);
        fixture.givenNoPriorActivity().when(save(SELLER, List.of(A, bPlain)))
                .expectEvents(saved(List.of(aDefault, bPlain)));
        fixture.givenNoPriorActivity().when(save(SELLER, List.of(aDefault, B))).expectNoEvents()
                .expectException(refusal("INVALID_RETURN_ADDRESSES"));
        fixture.givenNoPriorActivity().when(save(SELLER, List.of(A, A))).expectNoEvents()
                .expectException(refusal("INVALID_RETURN_ADDRESSES"));
    }

    @Test
    void a_return_goes_to_the_address_named_or_the_default() {
        fixture.given(saved(List.of(A, B))).when(new Resolve("a-1")).expectResultMessagePayload(A.line());
        fixture.given(saved(List.of(A, B))).when(new Resolve(null)).expectResultMessagePayload(B.line());
        fixture.given(saved(List.of(A, B))).when(new Resolve("a-9"))
                .expectException(refusal("UNKNOWN_RETURN_ADDRESS"));
        fixture.given(saved(List.of())).when(new Resolve(null)).expectResultMessagePayload("none");
    }
}
