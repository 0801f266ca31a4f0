package io.ordersvc.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A class another feature of this module may use directly: the catalog's stock, the order's after-sales books, the
 * settings they share. Features otherwise talk through shared-api messages; the architecture test
 * (ModuleBoundariesTest) holds every other use of another feature's classes to be an error. Such direct use exists where facts of
 * several aggregates must commit in one transaction (an order placed and its stock taken).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface FeatureApi {
}
