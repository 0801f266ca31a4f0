package io.ordersvc.command.payment;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import io.ordersvc.shared.error.Refusal;
import io.ordersvc.shared.money.Money;
import io.ordersvc.shared.order.PaymentChannel;
import io.ordersvc.shared.payment.PaymentCommand;
import org.springframework.http.ResponseEntity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * LianLian Pay quick payment (认证支付). LianLian publishes no SDK on Maven Central, so the signature is written
 * here, as its gateway specifies: RSA (MD5withRSA) over the non-empty parameters but sign, sorted by name, as
 * {@code k=v&k=v}, base64. Notifications are JSON, signed the same way with LianLian's key.
 */
final class LianlianChannel implements ChannelGateway {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private final PaymentSettings settings;
    private final PaymentSettings.Lianlian lianlian;
    private final JsonMapper json;

    private final java.time.Clock clock;
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(3)).build();

    LianlianChannel(PaymentSettings settings, java.time.Clock clock, JsonMapper json) {
        this.json = json;
        this.settings = settings;
        this.clock = clock;
        this.lianlian = settings.lianlian();
    }

    @Override
    public Set<PaymentChannel> serves() {
        return Set.of(PaymentChannel.LIANLIAN_QUICK);
    }

    @Override
    public boolean on() {
        return lianlian.on();
    }

    @Override
    public Map<String, Object> params(PaymentDesk.PaymentDue due, Extras extras) {
        Instant now = clock.instant();
        Map<String, String> params = new TreeMap<>();
        params.put("oid_partner", lianlian.oidPartner());
        params.put("sign_type", "RSA");
        params.put("busi_partner", "109001"); // physical goods
        params.put("no_order", due.outTradeNo());
        params.put("dt_order", TIME.format(now.atZone(AlipayChannel.BEIJING)));
        params.put("name_goods", AlipayChannel.subject(due));
        params.put("money_order", due.amount().toString());
        params.put("notify_url", settings.notifyUrl(due.channel().value()));
        long minutes = Math.max(1, Duration.between(now, due.payableUntil()).toMinutes());
        params.put("valid_order", Long.toString(minutes));
        if (extras.returnUrl() != null) {
            params.put("url_return", extras.returnUrl());
        }
        params.put("sign", sign(params, lianlian.privateKey()));
        return new LinkedHashMap<>(params);
    }

    @Override
    public Notice verify(Inbound inbound) {
        Map<String, String> fields;
        try {
            fields = json.readValue(inbound.body() == null ? "" : inbound.body(),
                    new TypeReference<Map<String, String>>() { });
        } catch (Exception e) {
            throw Refusal.badRequest("MALFORMED_REQUEST", "the notification is not a JSON object of strings");
        }
        String sign = fields.get("sign");
        if (sign == null || !verify(fields, sign, lianlian.publicKey())) {
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification's sign does not verify with LianLian's key");
        }
        if (!lianlian.oidPartner().equals(fields.get("oid_partner"))) {
            throw Refusal.badRequest("BAD_SIGNATURE", "the notification is for merchant " + fields.get("oid_partner"));
        }
        String outTradeNo = field(fields, "no_order");
        Money amount;
        Instant paidAt = null;
        try {
            amount = Money.of(field(fields, "money_order"));
            if (fields.get("dt_order") != null) {
                paidAt = LocalDateTime.parse(fields.get("dt_order"), TIME).atZone(AlipayChannel.BEIJING).toInstant();
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw Refusal.badRequest("VALIDATION_FAILED", "money_order or dt_order cannot be read");
        }
        return new Notice(PaymentCommand.payNoOf(outTradeNo), outTradeNo, field(fields, "oid_paybill"), amount,
                "SUCCESS".equals(fields.get("result_pay")), paidAt);
    }

    /**
     * LianLian's refund (refund.htm): the signed request on the pay bill, idempotent on no_refund. sta_refund 2 is
     * paid, 0 or 1 is processing (asked again later), 3 or any ret_code but 0000 is refused; no answer, or an answer
     * whose signature does not verify, is asked again later.
     */
    @Override
    public PayoutAnswer refund(Payout payout) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("oid_partner", lianlian.oidPartner());
        fields.put("sign_type", "RSA");
        fields.put("no_refund", payout.payoutId());
        fields.put("dt_refund", TIME.format(clock.instant().atZone(AlipayChannel.BEIJING)));
        fields.put("money_refund", payout.amount().toString());
        fields.put("oid_paybill", payout.tradeNo());
        fields.put("sign", sign(fields, lianlian.privateKey()));
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            lianlian.gatewayUrl() + "/refund.htm")).timeout(java.time.Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json.writeValueAsString(fields)))
                    .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return new PayoutAnswer.Later("LianLian answered HTTP " + response.statusCode());
            }
            Map<String, String> answer = json.readValue(response.body(), new TypeReference<Map<String, String>>() { });
            if (answer.get("sign") == null || !verify(answer, answer.get("sign"), lianlian.publicKey())) {
                return new PayoutAnswer.Later("LianLian's answer does not verify with its key");
            }
            String why = "LianLian " + answer.get("ret_code") + ": " + answer.get("ret_msg");
            if (!"0000".equals(answer.get("ret_code"))) {
                return new PayoutAnswer.Refused(why);
            }
            return switch (answer.getOrDefault("sta_refund", "")) {
                case "2" -> new PayoutAnswer.Paid(answer.get("oid_refundno"));
                case "3" -> new PayoutAnswer.Refused(why + " (refund failed)");
                default -> new PayoutAnswer.Later("LianLian is processing the refund");
            };
        } catch (java.io.IOException e) {
            return new PayoutAnswer.Later("LianLian: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PayoutAnswer.Later("interrupted");
        }
    }

    @Override
    public ResponseEntity<?> taken() {
        return ResponseEntity.ok(Map.of("ret_code", "0000", "ret_msg", "交易成功"));
    }

    /** The text LianLian signs: non-empty fields but sign, sorted by name. */
    static String signed(Map<String, String> fields) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(fields).forEach((k, v) -> {
            if (!k.equals("sign") && v != null && !v.isEmpty()) {
                text.append(text.isEmpty() ? "" : "&").append(k).append('=').append(v);
            }
        });
        return text.toString();
    }

    static String sign(Map<String, String> fields, String privateKey) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(privateKey)));
            Signature signature = Signature.getInstance("MD5withRSA");
            signature.initSign(key);
            signature.update(signed(fields).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("orders.payment.lianlian.private-key: " + e.getMessage(), e);
        }
    }

    static boolean verify(Map<String, String> fields, String sign, String publicKey) {
        try {
            PublicKey key = KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(publicKey)));
            Signature signature = Signature.getInstance("MD5withRSA");
            signature.initVerify(key);
            signature.update(signed(fields).getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getMimeDecoder().decode(sign));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String field(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw Refusal.badRequest("VALIDATION_FAILED", name + " is missing");
        }
        return value;
    }
}
