package io.ordersvc.command.catalog;

import io.ordersvc.platform.FeatureApi;

import java.util.Collection;
import java.util.Map;

/** The shop of each product that exists (unknown ids are absent): what a promotion naming products checks. */
@FeatureApi
@FunctionalInterface
public interface ProductShops {

    Map<String, String> shops(Collection<String> productIds);
}
