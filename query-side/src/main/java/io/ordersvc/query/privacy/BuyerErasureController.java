package io.ordersvc.query.privacy;

import io.ordersvc.platform.web.ProblemCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api/v1/admin")
@Tag(name = "Operations")
@RolesAllowed("admin")
public class BuyerErasureController {

    private final BuyerErasure erasure;

    public BuyerErasureController(BuyerErasure erasure) {
        this.erasure = erasure;
    }

    @ProblemCodes
    @PostMapping("/buyers/{buyerId}/erase")
    @Operation(operationId = "eraseBuyer", summary = "Erase a buyer's personal data (admin; PIPL/GDPR)",
            description = "Destroys the buyer's key: the receiver names, phones and street addresses of all its "
                    + "orders read \"[erased]\" everywhere (details, lists, logs, as_of, the event store), and no "
                    + "receiver search finds them; amounts, statuses and history stay. The buyer cannot place "
                    + "orders again (409 BUYER_ERASED). Erasing again answers the first erasure's time.")
    public BuyerErasure.Erasure erase(@PathVariable("buyerId") @Size(min = 1, max = 64)
                                      @Pattern(regexp = "^[A-Za-z0-9._:@-]+$") String buyerId) {
        return erasure.erase(buyerId);
    }
}
