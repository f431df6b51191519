package org.lavender.instruments.internal;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a start, files what was stored and acknowledged but not filed before a crash (the stored copy is the
 * truth; filing is idempotent).
 */
@Component
class UnfiledRecovery {

    private final MessageRepository messages;
    private final Intake intake;
    private final AnalyzerRepository analyzers;

    UnfiledRecovery(MessageRepository messages, Intake intake,
                     AnalyzerRepository analyzers) {
        this.messages = messages;
        this.intake = intake;
        this.analyzers = analyzers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void fileWhatWasLeft() {
        for (long id : messages.received()) {
            messages.find(id).flatMap(m -> analyzers.find(m.analyzerId()))
                    .ifPresent(analyzer -> intake.fileAfterAck(analyzer, id));
        }
    }
}
