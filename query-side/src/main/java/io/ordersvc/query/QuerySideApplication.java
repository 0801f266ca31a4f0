package io.ordersvc.query;

import io.ordersvc.platform.OrderServiceLauncher;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The read side on its own (port 8082, PostgreSQL only): projections, read models, query endpoints. */
@SpringBootApplication(scanBasePackages = {"io.ordersvc.query", "io.ordersvc.platform"})
public class QuerySideApplication {

    public static void main(String[] args) {
        OrderServiceLauncher.run(QuerySideApplication.class, "query-side", args);
    }
}
