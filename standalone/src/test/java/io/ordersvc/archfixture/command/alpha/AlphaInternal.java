package io.ordersvc.archfixture.command.alpha;

import java.security.SecureRandom;
import java.util.UUID;

/** An internal class of feature alpha; it also makes its own ids, and its own secure generator. */
public class AlphaInternal {

    public String newId() {
        return UUID.randomUUID().toString();
    }

    public int secret() {
        return new SecureRandom().nextInt();
    }
}
