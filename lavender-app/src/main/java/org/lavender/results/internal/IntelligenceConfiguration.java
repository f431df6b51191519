package org.lavender.results.internal;

import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduling for the critical-call escalation, and the profile's autoverification defaults
 * ({@code lavender.results.autoverification.default-sections}, e.g. CHEM,HEME in the demo lab).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntelligenceConfiguration {

    private final AutoverificationSettings settings;
    private final List<String> defaultSections;

    IntelligenceConfiguration(AutoverificationSettings settings,
                              @Value("${lavender.results.autoverification.default-sections:}") String defaultSections) {
        this.settings = settings;
        this.defaultSections = Arrays.stream(defaultSections.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void applyDefaults() {
        if (!defaultSections.isEmpty()) {
            settings.defaultOn(defaultSections);
        }
    }
}
