package org.lavender;

import java.time.Clock;
import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LavenderConfiguration {

    /** The lab's clock, in the lab's zone ({@code lavender.zone}); tests replace it to move time. */
    @Bean
    Clock clock(@Value("${lavender.zone:#{T(java.time.ZoneId).systemDefault().id}}") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
