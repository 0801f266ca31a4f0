package io.ordersvc.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an endpoint may answer, by their stable codes: the OpenAPI document lists each with an example under
 * its status (404, 409, 422), so a client developer sees this endpoint's codes, not another's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ProblemCodes {

    /** 400 beyond the validation every endpoint may answer. */
    String[] badRequest() default {};

    /** 404: what the path names does not exist, or is not the caller's. */
    String[] notFound() default {};

    /** 409: the state does not allow it. */
    String[] conflict() default {};

    /** 422: a business rule refused it. */
    String[] unprocessable() default {};
}
