package io.ordersvc.platform.privacy;

import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** Buyers' keys, the vault that seals with them, and the event serializer that seals what it stores. */
@Configuration(proxyBeanMethods = false)
public class PrivacyConfig {

    /** Axon's event serializer (events and dead letters), wrapped so that personal data is stored sealed. */
    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    PersonalDataSettings personalDataSettings(Environment env) {
        return PersonalDataSettings.from(env);
    }

    @Bean
    PersonalDataKeys personalDataKeys(JdbcTemplate jdbc, PersonalDataSettings settings, Clock clock) {
        return new PersonalDataKeys(jdbc, settings.master(), clock);
    }

    @Bean
    PersonalDataVault personalDataVault(PersonalDataKeys keys, PersonalDataSettings settings) {
        return new PersonalDataVault(keys, settings.master());
    }

    @Bean
    static BeanPostProcessor personalDataInStoredEvents(ObjectProvider<PersonalDataVault> vault) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return EVENT_SERIALIZER.equals(name) && bean instanceof Serializer serializer
                        && !(bean instanceof PersonalDataSerializer)
                        ? new PersonalDataSerializer(serializer, vault::getObject) : bean;
            }
        };
    }
}
