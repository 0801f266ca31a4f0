package io.ordersvc.command;

import io.ordersvc.platform.OrderServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The write side on its own (port 8081, PostgreSQL only): aggregates, command handlers, command endpoints. */
@SpringBootApplication(scanBasePackages = {"io.ordersvc.command", "io.ordersvc.platform"})
public class CommandSideApplication {

    public static void main(String[] args) {
        OrderServiceLauncher.run(CommandSideApplication.class, "command-side", args);
    }
}
