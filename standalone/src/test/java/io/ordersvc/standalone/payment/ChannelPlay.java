package io.ordersvc.standalone.payment;

import com.alipay.api.internal.util.AlipaySignature;
import io.ordersvc.command.payment.PaymentSettings;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Plays the payment channels' side with the published test keys: signs notifications as each channel would. */
public final class ChannelPlay {

    static final Properties KEYS = PaymentSettings.publishedTestKeys();
    static final String CHANNEL_PRIVATE = KEYS.getProperty("channel.private");
    static final String MERCHANT_PUBLIC = KEYS.getProperty("merchant.public");
    static final String API_V3_KEY = KEYS.getProperty("wechat.api-v3-key");

    private ChannelPlay() {
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    /** A simulator notification, signed with its secret as API.md says. */
    public static Map<String, String> simulator(String payNo, String tradeNo, String amount, long timestamp,
                                         String secret) {
        Map<String, String> fields = new TreeMap<>(Map.of("pay_no", payNo, "trade_no", tradeNo, "amount", amount,
                "status", "SUCCESS", "timestamp", Long.toString(timestamp)));
        String text = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            fields.put("sign", HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return fields;
    }

    /** An Alipay asynchronous notification (trade_status TRADE_SUCCESS), RSA2-signed with Alipay's (test) key. */
    static Map<String, String> alipay(String appId, String outTradeNo, String tradeNo, String amount) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("notify_time", "2026-12-01 22:00:00");
        fields.put("notify_type", "trade_status_sync");
        fields.put("notify_id", "ac05099524730693a8b330c5ecf72da9786");
        fields.put("app_id", appId);
        fields.put("charset", "utf-8");
        fields.put("version", "1.0");
        fields.put("trade_no", tradeNo);
        fields.put("out_trade_no", outTradeNo);
        fields.put("trade_status", "TRADE_SUCCESS");
        fields.put("total_amount", amount);
        fields.put("gmt_payment", "2026-12-01 21:59:58");
        try {
            String sign = AlipaySignature.rsa256Sign(AlipaySignature.getSignCheckContentV1(fields), CHANNEL_PRIVATE,
                    "UTF-8");
            fields.put("sign_type", "RSA2");
            fields.put("sign", sign);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return fields;
    }

    /** A LianLian notification body, MD5withRSA-signed over the sorted non-empty fields. */
    static Map<String, String> lianlian(String oidPartner, String noOrder, String paybill, String amount) {
        Map<String, String> fields = new TreeMap<>(Map.of("oid_partner", oidPartner, "no_order", noOrder,
                "oid_paybill", paybill, "money_order", amount, "result_pay", "SUCCESS", "dt_order",
                "20261201220000", "settle_date", "20261201", "sign_type", "RSA"));
        String text = fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("&"));
        fields.put("sign", rsa("MD5withRSA", text));
        return fields;
    }

    /** The headers and body of a WeChat Pay v3 notification: the resource AES-256-GCM encrypted, the whole signed. */
    record WechatNotice(Map<String, String> headers, String body) {
    }

    static WechatNotice wechat(String publicKeyId, String transactionJson, long timestamp) {
        try {
            String nonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
            String gcmNonce = "fdasflkja484";
            String associated = "transaction";
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(API_V3_KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, gcmNonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associated.getBytes(StandardCharsets.UTF_8));
            String ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(
                    transactionJson.getBytes(StandardCharsets.UTF_8)));
            String body = "{\"id\":\"EV-2018022511223320873\",\"create_time\":\"2026-12-01T22:00:00+08:00\","
                    + "\"resource_type\":\"encrypt-resource\",\"event_type\":\"TRANSACTION.SUCCESS\","
                    + "\"summary\":\"支付成功\",\"resource\":{\"original_type\":\"transaction\","
                    + "\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\"" + ciphertext + "\","
                    + "\"associated_data\":\"" + associated + "\",\"nonce\":\"" + gcmNonce + "\"}}";
            String signature = rsa("SHA256withRSA", timestamp + "\n" + nonce + "\n" + body + "\n");
            return new WechatNotice(Map.of("Wechatpay-Serial", publicKeyId, "Wechatpay-Nonce", nonce,
                    "Wechatpay-Timestamp", Long.toString(timestamp), "Wechatpay-Signature", signature,
                    "Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048"), body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String rsa(String algorithm, String text) {
        try {
            PrivateKey key = KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(CHANNEL_PRIVATE)));
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
