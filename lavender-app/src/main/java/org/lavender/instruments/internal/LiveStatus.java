package org.lavender.instruments.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** What the listeners know right now, per analyzer: link state, bound port, open connections, last error. */
@Component
class LiveStatus {

    static final class Live {
        volatile String link = "stopped";
        volatile Integer boundPort;
        volatile String lastError;
        final AtomicInteger connections = new AtomicInteger();
    }

    private final Map<Long, Live> live = new ConcurrentHashMap<>();

    Live of(long analyzerId) {
        return live.computeIfAbsent(analyzerId, id -> new Live());
    }
}
