package io.ordersvc.shared.logistics;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrackingLinksTest {

    static final Set<String> HOSTS = Set.of("www.sf-express.com", "www.kuaidi100.com");

    @Test
    void a_link_is_the_carriers_template_with_the_tracking_number_url_encoded() {
        TrackingLinks links = TrackingLinks.of(Map.of("sf", "https://www.sf-express.com/waybill/{tracking_no}",
                "ZTO", "https://www.kuaidi100.com/chaxun?com=zhongtong&nu={tracking_no}"), HOSTS);
        assertThat(links.url("SF", "SF1234567890")).contains("https://www.sf-express.com/waybill/SF1234567890");
        assertThat(links.url("zto", "../x?y=1&z=<script>")).contains(
                "https://www.kuaidi100.com/chaxun?com=zhongtong&nu=..%2Fx%3Fy%3D1%26z%3D%3Cscript%3E");
        assertThat(links.url("YTO", "1")).as("no template, no link").isEmpty();
        assertThat(links.url("SF/../ZTO", "1")).as("a carrier code with a slash names no carrier").isEmpty();
        assertThat(links.url(null, "1")).isEmpty();
    }

    @Test
    void a_template_that_is_not_https_on_an_allowed_host_is_refused_at_start() {
        for (String bad : new String[]{"javascript:alert(1)//{tracking_no}", "data:text/html,{tracking_no}",
                "//evil.example/{tracking_no}", "http://www.sf-express.com/{tracking_no}",
                "https://evil.example/{tracking_no}", "https://www.sf-express.com@evil.example/{tracking_no}",
                "https://{tracking_no}.sf-express.com/", "https://www.sf-express.com/waybill",
                "https://www.sf-express.com/ /{tracking_no}"}) {
            assertThatThrownBy(() -> TrackingLinks.of(Map.of("SF", bad), HOSTS)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carrier SF");
        }
        assertThatThrownBy(() -> TrackingLinks.of(Map.of("SF/x", "https://www.sf-express.com/{tracking_no}"), HOSTS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("carrier code");
    }
}
