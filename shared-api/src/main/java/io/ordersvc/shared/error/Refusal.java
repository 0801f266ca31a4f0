package io.ordersvc.shared.error;

/**
 * The domain's refusals, one factory per stable code. A single concrete class keeps the catalogue of codes
 * in one readable place instead of thirty near-identical exception classes.
 */
public final class Refusal extends DomainException {

    private Refusal(Kind kind, String code, String message) {
        super(kind, code, message);
    }

    private Refusal(Kind kind, String code, String message, java.util.Map<String, Object> properties) {
        super(kind, code, message, properties);
    }

    /** The same refusal with one more property in its problem body. */
    public Refusal with(String name, Object value) {
        var all = new java.util.LinkedHashMap<>(properties());
        all.put(name, value);
        return new Refusal(kind(), code(), getMessage(), all);
    }

    public static Refusal notFound(String code, String message) {
        return new Refusal(Kind.NOT_FOUND, code, message);
    }

    public static Refusal forbidden(String message) {
        return new Refusal(Kind.FORBIDDEN, "FORBIDDEN", message);
    }

    public static Refusal conflict(String code, String message) {
        return new Refusal(Kind.CONFLICT, code, message);
    }

    public static Refusal unprocessable(String code, String message) {
        return new Refusal(Kind.UNPROCESSABLE, code, message);
    }

    public static Refusal badRequest(String code, String message) {
        return new Refusal(Kind.BAD_REQUEST, code, message);
    }

    public static Refusal unavailable(String code, String message) {
        return new Refusal(Kind.UNAVAILABLE, code, message);
    }

    public static Refusal orderNotFound(String orderId) {
        return notFound("ORDER_NOT_FOUND", "order " + orderId + " does not exist");
    }

    public static Refusal freightTemplateNotFound(String freightTemplateId) {
        return notFound("FREIGHT_TEMPLATE_NOT_FOUND", "freight template " + freightTemplateId + " does not exist");
    }

    public static Refusal groupNotFound(String groupId) {
        return notFound("GROUP_NOT_FOUND", "group " + groupId + " does not exist");
    }

    /** Another shop's ticket, a code never issued and a malformed one are answered alike. */
    public static Refusal ticketNotFound(String code) {
        return notFound("TICKET_NOT_FOUND", "ticket " + code + " does not exist");
    }

    public static Refusal groupBuyNotFound(String groupBuyId) {
        return notFound("GROUP_BUY_NOT_FOUND", "group buy " + groupBuyId + " does not exist");
    }

    public static Refusal promotionNotFound(String promotionId) {
        return notFound("PROMOTION_NOT_FOUND", "promotion " + promotionId + " does not exist");
    }

    /** A gift card's unknown number and a wrong secret are answered alike: nobody learns which numbers exist. */
    public static Refusal invalidGiftCard() {
        return unprocessable("INVALID_GIFT_CARD", "no gift card with that number and secret");
    }

    public static Refusal productNotFound(String productId) {
        return notFound("PRODUCT_NOT_FOUND", "product " + productId + " does not exist");
    }
}
