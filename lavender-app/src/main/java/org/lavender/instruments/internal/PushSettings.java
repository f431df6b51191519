package org.lavender.instruments.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Delivery of pushed orders: the first retry after {@code initialBackoff}, doubling up to {@code maxBackoff}, at
 * most {@code maxAttempts} tries before the message is FAILED; how long to wait for the connection and for the
 * analyzer's acknowledgment.
 */
@ConfigurationProperties("lavender.instruments.push")
record PushSettings(Duration initialBackoff, Duration maxBackoff, Integer maxAttempts, Duration connectTimeout,
                    Duration ackTimeout) {

    PushSettings {
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(5) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofMinutes(5) : maxBackoff;
        maxAttempts = maxAttempts == null ? 10 : maxAttempts;
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        ackTimeout = ackTimeout == null ? Duration.ofSeconds(30) : ackTimeout;
    }

    /** The wait after the given number of failed attempts (1, 2, 3 …): 5 s, 10 s, 20 s … capped. */
    Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
