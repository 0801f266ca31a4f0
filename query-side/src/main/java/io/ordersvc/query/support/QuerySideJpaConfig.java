package io.ordersvc.query.support;

import org.springframework.boot.persistence.autoconfigure.EntityScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/** The read-model entities live here whichever application (query side or standalone) hosts them. */
@Configuration(proxyBeanMethods = false)
@EntityScan("io.ordersvc.query")
@EnableJpaRepositories("io.ordersvc.query")
public class QuerySideJpaConfig {
}
