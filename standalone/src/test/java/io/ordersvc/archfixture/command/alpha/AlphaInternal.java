package io.ordersvc.archfixture.command.alpha;

import java.util.UUID;

/** An internal class of feature alpha; it also makes its own ids. */
public class AlphaInternal {

    public String newId() {
        return UUID.randomUUID().toString();
    }
}
