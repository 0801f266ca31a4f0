package io.ordersvc.platform.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorityAuthorizationManager;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Who may call which endpoint, declared on the endpoint itself: a handler method (or its controller) annotated with
 * {@link RolesAllowed} admits those roles (claims, e.g. {@code "buyer"}); every other API endpoint admits any
 * signed-in caller, and one annotated {@link PermitAll} admits anyone (a payment channel's notification, whose
 * signature is its credential). The annotations are compiled once, from the handler mappings, into path rules that the security
 * filter chain checks before the request body is read: a caller of the wrong role gets 403 whatever they sent, and
 * never a validation error first (which method security, running after argument binding, would answer).
 * Platform only enforces; features declare.
 */
final class EndpointRoles implements AuthorizationManager<RequestAuthorizationContext> {

    private final Supplier<Map<RequestMappingInfo, HandlerMethod>> handlers;
    private volatile AuthorizationManager<jakarta.servlet.http.HttpServletRequest> rules;

    EndpointRoles(Supplier<Map<RequestMappingInfo, HandlerMethod>> handlers) {
        this.handlers = handlers;
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
                                         RequestAuthorizationContext context) {
        AuthorizationManager<jakarta.servlet.http.HttpServletRequest> compiled = rules;
        if (compiled == null) {
            synchronized (this) {
                compiled = rules == null ? (rules = compile(handlers.get())) : rules;
            }
        }
        return compiled.authorize(authentication, context.getRequest());
    }

    /** One rule per (verb, path) of an annotated endpoint, most specific path first; then: signed in. */
    static AuthorizationManager<jakarta.servlet.http.HttpServletRequest> compile(
            Map<RequestMappingInfo, HandlerMethod> handlers) {
        record Rule(PathPattern path, HttpMethod verb, String[] roles) {
        }
        List<Rule> rules = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            String[] roles = roles(handler);
            if (roles == null) {
                return;
            }
            for (String path : info.getPatternValues()) {
                PathPattern pattern = PathPatternParser.defaultInstance.parse(path);
                if (info.getMethodsCondition().getMethods().isEmpty()) {
                    rules.add(new Rule(pattern, null, roles));
                }
                for (RequestMethod verb : info.getMethodsCondition().getMethods()) {
                    rules.add(new Rule(pattern, HttpMethod.valueOf(verb.name()), roles));
                }
            }
        });
        rules.sort(Comparator.comparing(Rule::path, PathPattern.SPECIFICITY_COMPARATOR));
        var builder = RequestMatcherDelegatingAuthorizationManager.builder();
        for (Rule rule : rules) {
            builder.add(PathPatternRequestMatcher.withDefaults().matcher(rule.verb(), rule.path().getPatternString()),
                    rule.roles().length == 0
                            ? (authentication, request) -> new org.springframework.security.authorization
                                    .AuthorizationDecision(true)
                            : AuthorityAuthorizationManager.hasAnyRole(rule.roles()));
        }
        builder.add(AnyRequestMatcher.INSTANCE, AuthenticatedAuthorizationManager.authenticated());
        return builder.build();
    }

    /** @return the roles admitted; empty: anyone, signed in or not ({@link PermitAll}); null: any signed-in caller */
    private static String[] roles(HandlerMethod handler) {
        if (AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PermitAll.class)) {
            return new String[0];
        }
        RolesAllowed onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(), RolesAllowed.class);
        RolesAllowed declared = onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RolesAllowed.class);
        return declared == null ? null : declared.value();
    }
}
