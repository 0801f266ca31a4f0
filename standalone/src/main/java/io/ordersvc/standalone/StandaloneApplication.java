package io.ordersvc.standalone;

import io.ordersvc.command.CommandSideApplication;
import io.ordersvc.platform.OrderServiceLauncher;
import io.ordersvc.query.QuerySideApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Command side and query side in one JVM (port 8080). Without a configured database it runs on an embedded H2
 * file database under ./data; with the postgres profile or SPRING_DATASOURCE_URL it runs on PostgreSQL.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = {"io.ordersvc.platform", "io.ordersvc.command", "io.ordersvc.query"},
        excludeFilters = @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {CommandSideApplication.class, QuerySideApplication.class}))
public class StandaloneApplication {

    public static final String SIDE = "standalone";

    public static void main(String[] args) {
        OrderServiceLauncher.run(StandaloneApplication.class, SIDE, args);
    }
}
