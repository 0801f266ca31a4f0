package io.ordersvc.platform.axon;

import io.ordersvc.platform.ids.RandomUuids;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.InetAddress;

/**
 * This instance's name among those sharing the database: owner of its event-processor segments in token_entry.
 * Axon's default (pid@host) is the same for two contexts in one JVM, which would let both think they own the
 * same segment; a random suffix keeps every instance distinct.
 */
@Component
public class InstanceId {

    private final String value;

    public InstanceId(@Value("${orders.instance-id:}") String configured) {
        this.value = configured.isBlank() ? host() + "-" + RandomUuids.next().toString().substring(0, 8) : configured;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "orders";
        }
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
