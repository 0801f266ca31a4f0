package io.ordersvc.command.shop;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.platform.web.validation.SingleLine;
import io.ordersvc.shared.shop.ReturnAddress;
import io.ordersvc.shared.shop.ShopCommand;
import io.ordersvc.shared.shop.ShopCommand.SaveShopProfile;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.SELLER;

@RestController
@RequestMapping("/api/v1/shops")
@Tag(name = "Seller back-office")
public class ShopCommandController {

    private final Commands commands;
    private final CurrentActor actor;
    private final IdGenerator ids;

    public ShopCommandController(Commands commands, CurrentActor actor, IdGenerator ids) {
        this.commands = commands;
        this.actor = actor;
        this.ids = ids;
    }

    record ReturnAddressRequest(@Schema(description = "absent: a new address") UUID addressId,
                                @NotBlank @Size(max = 50) @SingleLine @Schema(example = "退货组") String name,
                                @NotBlank @Pattern(regexp = "[0-9+\\- ]{5,20}", message = "must be a phone number")
                                @Schema(example = "021-12345678") String phone,
                                @NotBlank @Size(max = 300) @SingleLine
                                @Schema(example = "上海市浦东新区张江路100号") String address,
                                @JsonProperty("default") @Schema(description = "the address returns go to when an "
                                        + "approval names none; absent everywhere: the first") Boolean isDefault) {
    }

    record ShopProfileRequest(@NotBlank @Size(max = 100) @SingleLine @Schema(example = "小米官方旗舰店") String name,
                              @NotBlank @Pattern(regexp = "[0-9+\\- ]{5,20}", message = "must be a phone number")
                              @Schema(example = "400-100-5678") String servicePhone,
                              @NotNull @Size(max = Shop.MAX_ADDRESSES)
                              List<@Valid @NotNull ReturnAddressRequest> returnAddresses) {
    }

    @RolesAllowed({SELLER, ADMIN})
    @ProblemCodes(unprocessable = {"INVALID_RETURN_ADDRESSES"})
    @PutMapping("/{shopId}")
    @Operation(operationId = "saveShopProfile", summary = "Save the shop's profile and return addresses (its "
            + "seller, admin)", description = "The whole profile: addresses left out are removed, an address "
            + "without address_id is new. At most one default; none marked makes the first the default. Orders show "
            + "the name and service phone; a return approval may name a return_address_id, or gets the default.")
    public Shop.ShopAck save(@PathVariable @Pattern(regexp = "[A-Za-z0-9_.\\-]{1,64}",
                                     message = "must be 1-64 letters, digits, '_', '.' or '-'") String shopId,
                             @Valid @RequestBody ShopProfileRequest body) {
        List<ReturnAddress> addresses = body.returnAddresses().stream().map(a -> new ReturnAddress(
                a.addressId() == null ? ids.generateId().toString() : a.addressId().toString(), a.name().strip(),
                a.phone().strip(), a.address().strip(), Boolean.TRUE.equals(a.isDefault()))).toList();
        return commands.send(new SaveShopProfile(ShopCommand.profileId(shopId), shopId, body.name().strip(),
                body.servicePhone().strip(), addresses, actor.get()));
    }
}
