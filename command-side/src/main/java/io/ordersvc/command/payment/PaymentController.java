package io.ordersvc.command.payment;

import io.ordersvc.command.web.Commands;
import io.ordersvc.platform.security.CurrentActor;
import io.ordersvc.platform.web.ProblemCodes;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.identity.Actor;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.payment.PaymentCommand.ReceivePayment;
import io.ordersvc.shared.payment.PaymentCommand.RequestPayment;
import io.ordersvc.shared.payment.PaymentEvent.OrderShare;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.ordersvc.shared.identity.Role.Claims.ADMIN;
import static io.ordersvc.shared.identity.Role.Claims.BUYER;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Payments")
public class PaymentController {

    static final String CHANNELS = "alipay_app|alipay_wap|wechat_app|wechat_jsapi|lianlian_quick|simulator";
    private final Commands commands;
    private final CurrentActor actor;
    private final PaymentConfig.Channels channels;

    PaymentController(Commands commands, CurrentActor actor, PaymentConfig.Channels channels) {
        this.commands = commands;
        this.actor = actor;
        this.channels = channels;
    }

    record PaymentRequestBody(
            @NotBlank @Pattern(regexp = CHANNELS, message = "must be one of " + CHANNELS)
            @Schema(example = "alipay_app", allowableValues = {"alipay_app", "alipay_wap", "wechat_app",
                    "wechat_jsapi", "lianlian_quick", "simulator"}) String channel,
            @Schema(description = "pay this one order of the pay number only") UUID orderId,
            @Size(max = 512) @Pattern(regexp = "https?://[^\\s<>\"]+", message = "must be an http(s) URL")
            @Schema(description = "where the channel's page sends the buyer back (alipay_wap, lianlian_quick)",
                    example = "https://m.example.com/pay/done") String returnUrl,
            @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9_\\-]+", message = "must be a WeChat openid")
            @Schema(description = "the payer (wechat_jsapi)", example = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")
            String openid) {
    }

    record PaymentRequestAnswer(@Schema(example = "alipay_app") String channel,
                                @Schema(example = "20261201142300000001") String payNo,
                                @Schema(description = "the merchant's trade number the channel reports back",
                                        example = "20261201142300000001_1") String outTradeNo,
                                @Schema(type = "string", example = "88.00") Money amount,
                                @Schema(description = "the channel closes the trade then") Instant expiresAt,
                                List<OrderShare> orders,
                                @Schema(description = "what the client hands to the channel's SDK, signed for it: "
                                        + "alipay_app order_string; alipay_wap url; wechat_app appid, partnerid, "
                                        + "prepayid, package, noncestr, timestamp, sign; wechat_jsapi appId, "
                                        + "timeStamp, nonceStr, package, signType, paySign; lianlian_quick the "
                                        + "signed form; simulator what to sign")
                                Map<String, Object> params) {
    }

    @RolesAllowed({BUYER, ADMIN})
    @ProblemCodes(notFound = {"PAYMENT_NOT_FOUND"}, conflict = {"NOTHING_TO_PAY"},
            unprocessable = {"CHANNEL_NOT_AVAILABLE", "ORDER_NOT_IN_PAYMENT", "OPENID_REQUIRED"})
    @PostMapping("/payments/{payNo}/requests")
    @Operation(operationId = "requestPayment", summary = "Parameters signed for a payment channel (buyer)",
            description = "Asks for what every unpaid order of the pay number (or the one order_id) owes now, under "
                    + "an out_trade_no; the same request again reuses it, a changed amount (a price adjustment) gets "
                    + "a new one, and a notification for the old one cannot pay the order any more. WeChat Pay is "
                    + "asked for a prepay_id first (503 CHANNEL_UNAVAILABLE when it does not answer).")
    public PaymentRequestAnswer request(@PathVariable @Pattern(regexp = "[0-9]{16,20}",
            message = "must be a pay number of 16-20 digits") String payNo, @Valid @RequestBody PaymentRequestBody body,
                                        HttpServletRequest http) {
        PaymentChannel channel = channel(body.channel());
        ChannelGateway gateway = channels.of(channel);
        ChannelGateway.Extras extras = new ChannelGateway.Extras(body.returnUrl(), body.openid(), http.getRemoteAddr());
        gateway.requireExtras(channel, extras);
        PaymentDesk.PaymentDue due = commands.send(new RequestPayment(payNo, channel,
                body.orderId() == null ? null : body.orderId().toString(), actor.get()));
        Map<String, Object> params = gateway.params(due, extras);
        return new PaymentRequestAnswer(channel.value(), payNo, due.outTradeNo(), due.amount(), due.payableUntil(),
                due.shares(), params);
    }

    @PermitAll
    @SecurityRequirements
    @ProblemCodes(badRequest = {"BAD_SIGNATURE"}, notFound = {"UNKNOWN_CHANNEL", "PAYMENT_NOT_FOUND"},
            unprocessable = {"AMOUNT_MISMATCH", "UNKNOWN_TRADE", "CHANNEL_NOT_AVAILABLE"})
    @PostMapping(path = "/payment-notifications/{channel}",
            consumes = {MediaType.APPLICATION_FORM_URLENCODED_VALUE, MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "notifyPayment", summary = "A payment channel's notification (no token)",
            description = "The channel's signature is the credential: Alipay and the simulator send a form, WeChat Pay "
                    + "(verified from its Wechatpay-* headers, decrypted with the APIv3 key) and LianLian JSON. "
                    + "Verified (signature, app id, state, amount), then every order of the request is paid once; "
                    + "money an order cannot take (cancelled, paid otherwise, another amount since) is recorded to be "
                    + "paid back. The same trade again changes nothing. Answers what the channel expects: success "
                    + "(Alipay, simulator), ret_code 0000 (LianLian), code SUCCESS (WeChat Pay).")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                    schema = @Schema(type = "object", additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description = "simulator: pay_no, trade_no, amount, status (SUCCESS), timestamp (epoch "
                                    + "seconds), out_trade_no (optional) and sign, the lower-case hex HMAC-SHA256 of "
                                    + "the other fields sorted by name as k=v&k=v; Alipay: its notification fields, "
                                    + "RSA2-signed",
                            example = "amount=88.00&pay_no=20261201142300000001&status=SUCCESS&timestamp=1796134980"
                                    + "&trade_no=sim-0001&sign=4f1c")),
            @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                    description = "the channel's notification as it sends it",
                    additionalProperties = Schema.AdditionalPropertiesValue.TRUE))})
    @ApiResponse(responseCode = "200", description = "Taken (or taken before): the channel stops sending it",
            content = {@Content(mediaType = MediaType.TEXT_PLAIN_VALUE,
                    schema = @Schema(type = "string", example = "success")),
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(type = "object",
                            additionalProperties = Schema.AdditionalPropertiesValue.TRUE,
                            description = "LianLian: ret_code 0000; WeChat Pay: code SUCCESS",
                            example = "{\"ret_code\":\"0000\",\"ret_msg\":\"交易成功\"}"))})
    public ResponseEntity<?> notifyPayment(@PathVariable @Schema(example = "simulator") String channel,
                                           @Parameter(hidden = true) HttpServletRequest request,
                                           @Parameter(hidden = true) @RequestHeader HttpHeaders headers)
            throws java.io.IOException {
        MediaType type = headers.getContentType();
        if (type != null && MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            Map<String, String> fields = new LinkedHashMap<>();
            request.getParameterMap().forEach((k, v) -> fields.put(k, v.length == 0 ? "" : v[0]));
            return notice(channel, new ChannelGateway.Inbound(null, fields, null, headers));
        }
        String body = new String(request.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return notice(channel, new ChannelGateway.Inbound(null, Map.of(), body, headers));
    }

    private ResponseEntity<?> notice(String name, ChannelGateway.Inbound inbound) {
        PaymentChannel channel;
        try {
            channel = channel(name);
        } catch (Refusal e) {
            throw Refusal.notFound("UNKNOWN_CHANNEL", "there is no payment channel " + name);
        }
        ChannelGateway gateway = channels.of(channel);
        ChannelGateway.Notice notice = gateway.verify(inbound);
        if (notice.paid()) {
            commands.send(new ReceivePayment(notice.payNo(), notice.outTradeNo(), channel, notice.tradeNo(),
                    notice.amount(), notice.paidAt(), Actor.system(channel.value())));
        }
        return gateway.taken();
    }

    private static PaymentChannel channel(String value) {
        if (value == null || !value.matches(CHANNELS)) {
            throw Refusal.badRequest("VALIDATION_FAILED", "channel must be one of " + CHANNELS);
        }
        return PaymentChannel.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
