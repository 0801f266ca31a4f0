package io.ordersvc.platform.web;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/** Spring MVC's request mappings, configured as Spring Boot does, looked up through a tree of their paths' segments. */
@Configuration(proxyBeanMethods = false)
public class MappingsConfig {

    @Bean
    WebMvcRegistrations pathIndexedMappings() {
        return new WebMvcRegistrations() {
            @Override
            public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
                return new PathIndexedMappings();
            }
        };
    }
}
