package io.ordersvc.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Spring MVC's request mappings, looked up through a tree of their path patterns' segments. Spring matches a path
 * with variables ({@code /api/v1/orders/{id}/pay}) against every mapping of the application (107 here), each one's
 * method, parameters, headers and media types first: about 4 % of the request threads' CPU under load
 * (bench/README.md, session 49). A pattern's literal segment matches only itself and a whole-segment variable any
 * one segment, so a request asks only the mappings its path can reach in the tree (1 or 2 for the order commands),
 * through Spring's own matching, ordering and match handling. Whatever is not one clear match (no match, two equally
 * good, a CORS preflight, a path with an empty segment) goes to Spring's lookup over every mapping, which answers it
 * as before (404, 405, 415, the ambiguity).
 */
final class PathIndexedMappings extends RequestMappingHandlerMapping {

    /** The tree of the mappings registered when it was built; null until then, or when a mapping has changed. */
    private volatile Node index;

    /** A registered mapping and its handler. */
    private record Mapping(RequestMappingInfo info, HandlerMethod handler) {
    }

    /**
     * The patterns that reach this segment: those that end here, those whose rest this index cannot follow (a
     * {@code **}, a {@code {*path}}, a segment part literal and part variable), and where each kind of next segment
     * leads, a literal one or a whole-segment variable ({@code {id}}, {@code *}).
     */
    private static final class Node {
        final List<Mapping> ending = new ArrayList<>();
        final List<Mapping> rest = new ArrayList<>();
        final Map<String, Node> literal = new HashMap<>();
        Node variable;
    }

    @Override
    protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
        Node root = index();
        if (root == null || CorsUtils.isPreFlightRequest(request)
                || !ServletRequestPathUtils.hasParsedRequestPath(request)) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        Set<Mapping> candidates = candidates(root, request);
        if (candidates == null) {
            return super.lookupHandlerMethod(lookupPath, request);
        }
        List<Found> matches = new ArrayList<>(2);
        for (Mapping candidate : candidates) {
            RequestMappingInfo match = getMatchingMapping(candidate.info(), request);
            if (match != null) {
                matches.add(new Found(match, candidate));
            }
        }
        if (matches.isEmpty()) {
            return super.lookupHandlerMethod(lookupPath, request); // Spring's answer: 404, 405, 406 or 415
        }
        Found best = matches.get(0);
        if (matches.size() > 1) {
            Comparator<RequestMappingInfo> order = getMappingComparator(request);
            matches.sort((a, b) -> order.compare(a.match(), b.match()));
            best = matches.get(0);
            if (order.compare(best.match(), matches.get(1).match()) == 0) {
                return super.lookupHandlerMethod(lookupPath, request); // Spring names the ambiguity
            }
        }
        HandlerMethod handler = best.mapping().handler();
        request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handler);
        handleMatch(best.match(), lookupPath, request);
        return handler;
    }

    /** How many mappings the index asks for the request (for tests); -1 when Spring's lookup answers it. */
    int candidateCount(HttpServletRequest request) {
        Node root = index();
        Set<Mapping> candidates = root == null ? null : candidates(root, request);
        return candidates == null ? -1 : candidates.size();
    }

    /** Spring's lookup over every mapping (for tests: the answer the index must give). */
    HandlerMethod lookupEverywhere(String lookupPath, HttpServletRequest request) throws Exception {
        return super.lookupHandlerMethod(lookupPath, request);
    }

    /** A registered mapping that matched, and the conditions of it that matched the request. */
    private record Found(RequestMappingInfo match, Mapping mapping) {
    }

    /**
     * Every mapping whose pattern may match the request's path, each once: a superset of what Spring would find
     * matching (a literal segment matches only itself, a whole-segment variable any one segment); null when the
     * path has an empty segment, which only Spring's lookup answers.
     */
    private static Set<Mapping> candidates(Node root, HttpServletRequest request) {
        List<PathContainer.Element> elements = ServletRequestPathUtils.getParsedRequestPath(request)
                .pathWithinApplication().elements();
        for (PathContainer.Element element : elements) {
            if (element instanceof PathContainer.PathSegment segment && segment.valueToMatch().isEmpty()) {
                return null;
            }
        }
        Set<Mapping> found = new LinkedHashSet<>();
        collect(root, elements, 0, found);
        return found;
    }

    private static void collect(Node node, List<PathContainer.Element> elements, int from,
                                Set<Mapping> found) {
        found.addAll(node.rest);
        int i = from;
        while (i < elements.size() && elements.get(i) instanceof PathContainer.Separator) {
            i++;
        }
        if (i == elements.size()) {
            found.addAll(node.ending);
            return;
        }
        String segment = ((PathContainer.PathSegment) elements.get(i)).valueToMatch();
        Node next = node.literal.get(segment);
        if (next != null) {
            collect(next, elements, i + 1, found);
        }
        if (node.variable != null) {
            collect(node.variable, elements, i + 1, found);
        }
    }

    private Node index() {
        Node root = index;
        if (root == null && getPatternParser() != null) {
            root = build(getHandlerMethods());
            index = root;
        }
        return root;
    }

    private static Node build(Map<RequestMappingInfo, HandlerMethod> registered) {
        Node root = new Node();
        registered.forEach((info, handler) -> {
            Mapping mapping = new Mapping(info, handler);
            var patterns = info.getPathPatternsCondition();
            if (patterns == null || patterns.getPatterns().isEmpty()) {
                root.rest.add(mapping);
                return;
            }
            for (PathPattern pattern : patterns.getPatterns()) {
                file(root, pattern.getPatternString(), mapping);
            }
        });
        return root;
    }

    private static void file(Node root, String pattern, Mapping mapping) {
        Node node = root;
        for (String segment : pattern.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            boolean wholeVariable = segment.equals("*") || segment.startsWith("{") && segment.endsWith("}")
                    && !segment.startsWith("{*") && segment.indexOf('{', 1) < 0;
            if (wholeVariable) {
                node = node.variable == null ? (node.variable = new Node()) : node.variable;
            } else if (segment.indexOf('{') >= 0 || segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0) {
                addOnce(node.rest, mapping);
                return;
            } else {
                node = node.literal.computeIfAbsent(segment, s -> new Node());
            }
        }
        addOnce(node.ending, mapping);
    }

    private static void addOnce(List<Mapping> mappings, Mapping mapping) {
        if (!mappings.contains(mapping)) {
            mappings.add(mapping);
        }
    }

    @Override
    public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
        super.registerMapping(mapping, handler, method);
        index = null;
    }

    @Override
    public void unregisterMapping(RequestMappingInfo mapping) {
        super.unregisterMapping(mapping);
        index = null;
    }
}
