package io.ordersvc.command.logistics;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.logistics.LogisticsCommand;
import io.ordersvc.shared.logistics.LogisticsCommand.RecordTraces;
import io.ordersvc.shared.logistics.Trace;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.apache.commons.codec.digest.HmacAlgorithms;
import org.apache.commons.codec.digest.HmacUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Carriers' (or their aggregator's) notifications: signed with the logistics secret, they append traces to a
 * shipment's parcel. No token: the signature is the credential.
 */
@RestController
@RequestMapping("/api/v1/logistics-notifications")
@Tag(name = "Logistics")
public class LogisticsController {

    /** Documented in the README; on by default only on the embedded database. */
    public static final String DEV_SECRET = "logistics-dev-secret";
    private static final Duration SKEW = Duration.ofMinutes(5);
    private final Commands commands;
    private final ShipmentIndex shipments;
    private final Clock clock;
    private final String secret;
    private final JsonMapper json;

    private final jakarta.validation.Validator validator;

    LogisticsController(Commands commands, ShipmentIndex shipments, Clock clock, Environment env,
                        jakarta.validation.Validator validator, JsonMapper json,
                        @Value("${orders.logistics.notification-secret:}") String secret) {
        this.validator = validator;
        this.json = json;
        this.commands = commands;
        this.shipments = shipments;
        this.clock = clock;
        boolean embedded = env.getProperty("spring.datasource.url", "").startsWith("jdbc:h2:");
        this.secret = !secret.isBlank() ? secret : embedded ? DEV_SECRET : null;
    }

    record TraceBody(@NotNull Instant at, @NotBlank @Size(max = 32) @Schema(example = "in_transit") String status,
                     @NotBlank @Size(max = 500) @Schema(example = "快件已到达【上海转运中心】") String description,
                     @Size(max = 100) @Schema(example = "上海") String location) {
    }

    record TrackingNotification(@NotBlank @Size(max = 64) @Schema(example = "SF1234567890") String trackingNo,
                                @Schema(description = "the carrier says the parcel was delivered") Boolean delivered,
                                @NotNull @Size(max = 200) List<@Valid @NotNull TraceBody> traces) {
    }

    record TrackingNotificationAnswer(String orderId, String shipmentId, int recorded) {
    }

    @PermitAll
    @SecurityRequirements
    @ProblemCodes(badRequest = {"BAD_SIGNATURE"}, notFound = {"UNKNOWN_SHIPMENT", "NOTIFICATIONS_OFF"})
    @PostMapping("/{carrier}")
    @Operation(operationId = "notifyLogistics", summary = "A carrier's traces of a parcel (no token, signed)",
            description = "X-Timestamp (epoch seconds, within 5 minutes) and X-Signature: the lower-case hex "
                    + "HMAC-SHA256, keyed with ORDERS_LOGISTICS_NOTIFICATION_SECRET, of the timestamp, a dot and the "
                    + "body as sent. The parcel is found by carrier and tracking number; traces recorded before are "
                    + "left out, so a notification sent again changes nothing. delivered shows on the order.")
    public TrackingNotificationAnswer notify(
            @PathVariable @Pattern(regexp = "[A-Za-z0-9_]{1,32}", message = "must be a carrier code")
            @Schema(example = "SF") String carrier,
            @Parameter(description = "epoch seconds", example = "1796134980") @RequestHeader("X-Timestamp")
            String timestamp,
            @Parameter(example = "3b1f...") @RequestHeader("X-Signature") String signature,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
            @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @Schema(implementation = TrackingNotification.class)))
            @RequestBody String body) {
        if (secret == null) {
            throw Refusal.notFound("NOTIFICATIONS_OFF", "logistics notifications are off: set "
                    + "ORDERS_LOGISTICS_NOTIFICATION_SECRET");
        }
        verify(timestamp, signature, body);
        TrackingNotification notice;
        try {
            notice = json.readValue(body, TrackingNotification.class);
        } catch (RuntimeException e) {
            throw Refusal.badRequest("MALFORMED_REQUEST", "the body is not a tracking notification");
        }
        validate(notice);
        ShipmentIndex.Shipment shipment = shipments.find(carrier, notice.trackingNo()).orElseThrow(() ->
                Refusal.notFound("UNKNOWN_SHIPMENT", "no shipment of carrier " + carrier + " has tracking number "
                        + notice.trackingNo()));
        List<Trace> traces = notice.traces().stream().map(t -> new Trace(t.at(), t.status(), t.description(),
                t.location())).toList();
        int recorded = commands.send(new RecordTraces(LogisticsCommand.trackingId(shipment.shipmentId()),
                shipment.orderId(), shipment.shipmentId(), carrier.toUpperCase(java.util.Locale.ROOT),
                notice.trackingNo(), traces, Boolean.TRUE.equals(notice.delivered()), Actor.system("carrier-"
                + carrier)));
        return new TrackingNotificationAnswer(shipment.orderId(), shipment.shipmentId(), recorded);
    }

    private void verify(String timestamp, String signature, String body) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            throw Refusal.badRequest("BAD_SIGNATURE", "X-Timestamp must be epoch seconds");
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs().compareTo(SKEW) > 0) {
            throw Refusal.badRequest("BAD_SIGNATURE", "X-Timestamp is more than 5 minutes from now");
        }
        if (!MessageDigest.isEqual(sign(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII))) {
            throw Refusal.badRequest("BAD_SIGNATURE", "X-Signature is not the HMAC-SHA256 of timestamp.body");
        }
    }

    static String sign(String secret, String timestamp, String body) {
        return new HmacUtils(HmacAlgorithms.HMAC_SHA_256, secret).hmacHex(timestamp + "." + body);
    }

    private void validate(TrackingNotification notice) {
        var problems = validator.validate(notice);
        if (!problems.isEmpty()) {
            var first = problems.iterator().next();
            throw Refusal.badRequest("VALIDATION_FAILED", first.getPropertyPath() + ": " + first.getMessage());
        }
    }
}
