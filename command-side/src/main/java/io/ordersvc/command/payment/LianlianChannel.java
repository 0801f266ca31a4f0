package io.ordersvc.command.payment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
    private final ObjectMapper json = new ObjectMapper();

    private final java.time.Clock clock;

    LianlianChannel(PaymentSettings settings, java.time.Clock clock) {
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
