package org.lavender.instruments.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Protection of the listeners against broken or hostile senders: the largest message accepted, how long one
 * message may take to arrive (slow-loris), how long an idle connection is kept, and connections per analyzer.
 */
@ConfigurationProperties("lavender.instruments")
record IntakeLimits(Integer maxMessageBytes, Duration messageTimeout, Duration idleTimeout,
                    Integer maxConnections) {

    IntakeLimits {
        maxMessageBytes = maxMessageBytes == null ? 1 << 20 : maxMessageBytes;
        messageTimeout = messageTimeout == null ? Duration.ofSeconds(60) : messageTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofMinutes(30) : idleTimeout;
        maxConnections = maxConnections == null ? 16 : maxConnections;
    }
}
