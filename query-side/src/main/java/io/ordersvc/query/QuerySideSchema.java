package io.ordersvc.query;

import io.ordersvc.platform.schema.ModuleSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The query side's read models: db/query, query_schema_history. */
@Configuration(proxyBeanMethods = false)
public class QuerySideSchema {

    public static final ModuleSchema SCHEMA = new ModuleSchema("query", "2");

    @Bean
    ModuleSchema querySchema() {
        return SCHEMA;
    }
}
