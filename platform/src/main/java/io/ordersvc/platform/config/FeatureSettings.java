package io.ordersvc.platform.config;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;

/**
 * A feature's default settings (its processing groups' tuning, its own values) live beside the feature, in
 * {@code feature-settings/<feature>.yml} of the module that holds it. Each deployment reads the files of the modules
 * it contains, below every other source: application.yml, profiles, environment variables and command-line
 * arguments all override them. Adding a feature adds a file; nothing here changes.
 */
public class FeatureSettings implements EnvironmentPostProcessor, Ordered {

    static final String LOCATION = "classpath*:feature-settings/*.yml";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        var loader = new YamlPropertySourceLoader();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver(application.getClassLoader())
                    .getResources(LOCATION);
            Arrays.sort(files, Comparator.comparing(Resource::getFilename));
            for (Resource file : files) {
                for (PropertySource<?> source : loader.load("feature-settings/" + file.getFilename(), file)) {
                    environment.getPropertySources().addLast(source);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("feature settings: " + e.getMessage(), e);
        }
    }

    /** After the application's own configuration has been loaded, so these go below it. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
