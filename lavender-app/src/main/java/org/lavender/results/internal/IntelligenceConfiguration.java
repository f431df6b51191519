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
 * ({@code lavender.results.autoverification.default-sections}, e.g. CHEM,HEME in the demo lab, and
 * {@code default-limits} for tests the starter catalog gives no reference interval).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IntelligenceConfiguration {

    private final AutoverificationSettings settings;
    private final List<String> defaultSections;
    private final TestRuleSettings testRules;
    private final String defaultLimits;

    IntelligenceConfiguration(AutoverificationSettings settings, TestRuleSettings testRules,
                              @Value("${lavender.results.autoverification.default-sections:}") String defaultSections,
                              @Value("${lavender.results.autoverification.default-limits:}") String defaultLimits) {
        this.settings = settings;
        this.testRules = testRules;
        this.defaultLimits = defaultLimits;
        this.defaultSections = Arrays.stream(defaultSections.split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void applyDefaults() {
        if (!defaultSections.isEmpty()) {
            settings.defaultOn(defaultSections);
        }
        if (!defaultLimits.isBlank()) {
            testRules.defaultLimits(defaultLimits);
        }
    }
}
