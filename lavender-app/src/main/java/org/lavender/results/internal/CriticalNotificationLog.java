package org.lavender.results.internal;

import java.util.Collection;
import java.util.List;
import org.lavender.results.CriticalNotifications;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the critical-call log for reports. */
@Service
class CriticalNotificationLog implements CriticalNotifications {

    private final CriticalCallRepository calls;

    CriticalNotificationLog(CriticalCallRepository calls) {
        this.calls = calls;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Notification> forResults(Collection<Long> resultIds) {
        return calls.forResults(resultIds).stream()
                .map(c -> new Notification(c.resultId(), c.status(), c.detectedAt(), c.deadline(), c.completedAt(),
                        c.completedBy(), c.attempts().stream().map(a -> new Call(a.calledAt(), a.calledBy(),
                                a.recipient(), a.contact(), a.reached(), a.readBack(), a.note())).toList()))
                .toList();
    }
}
