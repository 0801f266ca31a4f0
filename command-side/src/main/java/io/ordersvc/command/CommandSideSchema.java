package io.ordersvc.command;

import io.ordersvc.platform.schema.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's tables (sku_index, order_node_seq, order_timer, scheduled_tasks): db/command, its history
 * command_schema_history.
 */
@Configuration(proxyBeanMethods = false)
public class CommandSideSchema {

    public static final ModuleSchema SCHEMA = new ModuleSchema("command", "1");

    @Bean
    ModuleSchema commandSchema() {
        return SCHEMA;
    }
}
