package io.ordersvc.platform.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FeatureSettingsTest {

    @Test
    void a_feature_file_supplies_defaults_that_every_other_source_overrides() {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application",
                Map.of("test-feature.mode", "tracking")));

        new FeatureSettings().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("test-feature.batch-size")).isEqualTo("50");
        assertThat(environment.getProperty("test-feature.mode")).isEqualTo("tracking");
    }
}
