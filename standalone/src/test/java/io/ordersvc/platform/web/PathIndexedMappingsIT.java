package io.ordersvc.platform.web;

import io.ordersvc.standalone.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every request path of the running service, with each method it is mapped for and one it is not, finds through the
 * path index exactly what Spring's lookup over every mapping finds: the same handler, the same path variables, or
 * the same refusal.
 */
class PathIndexedMappingsIT extends IntegrationTest {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** What a lookup gave: the handler's method and the path variables, or the refusal's type. */
    private static String outcome(Lookup lookup, MockHttpServletRequest request) {
        try {
            HandlerMethod handler = lookup.find(request);
            return handler == null ? "none" : handler.getMethod().toGenericString() + " "
                    + request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        } catch (Exception refused) {
            return refused.getClass().getName();
        }
    }

    private interface Lookup {
        HandlerMethod find(MockHttpServletRequest request) throws Exception;
    }

    private static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setContentType("application/json");
        request.addHeader("Accept", "application/json, application/problem+json, */*");
        request.setContent("{}".getBytes());
        ServletRequestPathUtils.parseAndCache(request);
        return request;
    }

    @Test
    void every_mapped_path_finds_through_the_index_what_spring_finds_looking_at_every_mapping() {
        assertThat(mappings).isInstanceOf(PathIndexedMappings.class);
        PathIndexedMappings indexed = (PathIndexedMappings) mappings;
        Map<RequestMappingInfo, HandlerMethod> all = mappings.getHandlerMethods();
        assertThat(all).hasSizeGreaterThan(100);
        List<String> checked = new ArrayList<>();
        for (RequestMappingInfo info : all.keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (PathPattern pattern : Objects.requireNonNull(info.getPathPatternsCondition()).getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{\\*[^}]*}|\\*\\*", "x/y")
                        .replaceAll("\\{[^}]*}|\\*", "v1");
                List<String> asked = new ArrayList<>(methods.stream().map(RequestMethod::name).toList());
                asked.add(methods.contains(RequestMethod.DELETE) ? "PATCH" : "DELETE"); // one it is not mapped for
                for (String method : asked) {
                    String viaIndex = outcome(r -> indexed.lookupHandlerMethod(path, r), request(method, path));
                    String everywhere = outcome(r -> indexed.lookupEverywhere(path, r), request(method, path));
                    assertThat(viaIndex).as("%s %s", method, path).isEqualTo(everywhere);
                    checked.add(method + " " + path);
                }
            }
        }
        for (String odd : List.of("/api/v1/no-such-thing/7", "/", "/api/v1/orders/", "/api/v1//orders",
                "/api/v1/orders/o-1/pay;jsessionid=1", "/api/v1/orders/o%2D1/pay", "/API/v1/orders")) {
            for (String method : List.of("GET", "POST", "OPTIONS")) {
                assertThat(outcome(r -> indexed.lookupHandlerMethod(odd, r), request(method, odd)))
                        .as("%s %s", method, odd)
                        .isEqualTo(outcome(r -> indexed.lookupEverywhere(odd, r), request(method, odd)));
            }
        }
        assertThat(checked).hasSizeGreaterThan(200);
        // The commands of the benchmark's flow ask a few mappings, not every one.
        for (String path : List.of("/api/v1/orders", "/api/v1/orders/o-1/pay", "/api/v1/orders/o-1/shipments",
                "/api/v1/orders/o-1/receipt")) {
            int asked = indexed.candidateCount(request("POST", path));
            assertThat(asked).as(path).isBetween(1, all.size() / 8);
        }
    }
}
