package io.ordersvc.shared.logistics;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tracking links, built only from configured per-carrier templates: each an absolute https URL on an allowed host
 * with a {@code {tracking_no}} placeholder, checked when the service starts. The tracking number is URL-encoded into
 * it, so nothing a seller typed can change the scheme, the host or the path; a carrier without a template has no
 * link. Never a client-supplied URL.
 */
public final class TrackingLinks {

    public static final String PLACEHOLDER = "{tracking_no}";
    private static final Pattern CARRIER = Pattern.compile("[A-Z0-9_]{1,32}");
    private final Map<String, String> templates;

    private TrackingLinks(Map<String, String> templates) {
        this.templates = templates;
    }

    /**
     * @throws IllegalArgumentException naming the carrier and what is wrong with its template
     */
    public static TrackingLinks of(Map<String, String> templates, Set<String> allowedHosts) {
        Map<String, String> checked = new LinkedHashMap<>();
        templates.forEach((carrier, template) -> {
            String code = carrier.toUpperCase(Locale.ROOT);
            if (!CARRIER.matcher(code).matches()) {
                throw new IllegalArgumentException("tracking link of carrier '" + carrier + "': a carrier code is "
                        + "1-32 letters, digits or '_'");
            }
            checked.put(code, check(code, template, allowedHosts));
        });
        return new TrackingLinks(Map.copyOf(checked));
    }

    private static String check(String carrier, String template, Set<String> allowedHosts) {
        String problem = null;
        if (template == null || !template.contains(PLACEHOLDER)) {
            problem = "must contain " + PLACEHOLDER;
        } else {
            try {
                URI uri = new URI(template.replace(PLACEHOLDER, "x"));
                if (!"https".equalsIgnoreCase(uri.getScheme())) {
                    problem = "must be an https URL";
                } else if (uri.getHost() == null || uri.getRawUserInfo() != null
                        || !allowedHosts.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
                    problem = "must be on an allowed host (orders.logistics.allowed-hosts)";
                } else if (template.indexOf(PLACEHOLDER) < template.indexOf(uri.getHost()) + uri.getHost().length()) {
                    problem = "must put " + PLACEHOLDER + " after the host";
                }
            } catch (java.net.URISyntaxException e) {
                problem = "is not a URL";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException("tracking link of carrier " + carrier + " " + problem + ": "
                    + template);
        }
        return template;
    }

    /** The link for a parcel, when its carrier has a template. */
    public Optional<String> url(String carrierCode, String trackingNo) {
        if (carrierCode == null || trackingNo == null) {
            return Optional.empty();
        }
        String template = templates.get(carrierCode.toUpperCase(Locale.ROOT));
        return template == null ? Optional.empty() : Optional.of(template.replace(PLACEHOLDER,
                URLEncoder.encode(trackingNo, StandardCharsets.UTF_8)));
    }
}
