package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.CodeMapping;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.InstrumentResultReceived;
import org.lavender.instruments.MessageState;
import org.lavender.instruments.QcResultReceived;
import org.lavender.instruments.RawMessage;
import org.lavender.instruments.ReceivedObservation;
import org.lavender.shared.NotFoundException;
import org.lavender.specimens.Accession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Files a stored message: reads it from the stored bytes, maps each code, keeps QC apart, writes one observation
 * row per patient result and publishes {@link InstrumentResultReceived} for the results module, all in one
 * transaction (the event publication commits with the rows). The results module reports back through
 * {@link InstrumentFilings}; the message is FILED when every result is filed or ignored, ERROR when one is not.
 */
@Service
class FilingService implements InstrumentFilings {

    private final MessageRepository messages;
    private final AnalyzerRepository analyzers;
    private final Catalog catalog;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MessageReader reader;

    FilingService(MessageRepository messages, AnalyzerRepository analyzers, Catalog catalog,
                  ApplicationEventPublisher events, Clock clock) {
        this.messages = messages;
        this.analyzers = analyzers;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
        this.reader = new MessageReader(new Hl7Codec(clock.getZone()), clock.getZone());
    }

    /**
     * Parses and files a stored message. Observations already filed or on their way are left alone, so running
     * this again (after a fix, or after a crash between ACK and filing) never files a result twice.
     */
    @Transactional
    public MessageState process(long rawMessageId) {
        MessageState state = messages.lockState(rawMessageId)
                .orElseThrow(() -> new NotFoundException("Analyzer message", rawMessageId));
        if (state == MessageState.FILED || state == MessageState.REJECTED || state == MessageState.DUPLICATE) {
            return state;
        }
        RawMessage raw = messages.find(rawMessageId).orElseThrow();
        Analyzer analyzer = analyzers.find(raw.analyzerId()).orElseThrow();
        MessageContent content;
        try {
            content = reader.read(raw.protocol(), raw.bytes(), Charset.forName(analyzer.encoding()));
        } catch (MessageReader.UnreadableMessage e) {
            messages.setState(rawMessageId, MessageState.ERROR, e.getMessage(), clock.instant());
            return MessageState.ERROR;
        }
        if (content.observations().isEmpty()) {
            messages.setState(rawMessageId, MessageState.FILED, content.note(), clock.instant());
            return MessageState.FILED;
        }
        file(raw, analyzer, content.observations());
        messages.settle(rawMessageId, clock.instant());
        return messages.lockState(rawMessageId).orElseThrow();
    }

    private void file(RawMessage raw, Analyzer analyzer, List<Observation> observations) {
        Map<Integer, ReceivedObservation> existing = messages.observations(raw.id()).stream()
                .collect(Collectors.toMap(ReceivedObservation::seq, o -> o));
        Map<String, CodeMapping> codeMap = analyzers.codeMap(analyzer.id()).stream()
                .collect(Collectors.toMap(CodeMapping::instrumentCode, m -> m));
        Map<String, Optional<TestDefinition>> tests = new HashMap<>();
        Function<String, Optional<TestDefinition>> lookup = code -> tests.computeIfAbsent(code, catalog::test);
        for (Observation o : observations) {
            ReceivedObservation before = existing.get(o.seq());
            if (before != null && (before.state().equals("FILED") || before.state().equals("PENDING"))) {
                continue;
            }
            var outcome = CodeMapper.map(o, analyzer.name(), Optional.ofNullable(codeMap.get(o.instrumentCode())),
                    analyzer.loincCodes(), lookup);
            if (o.qc()) {
                fileQc(raw, analyzer, o, outcome);
                continue;
            }
            if (outcome instanceof CodeMapper.Mapped mapped) {
                filePatientResult(raw, analyzer, o, mapped);
            } else if (outcome instanceof CodeMapper.Refused refused) {
                messages.saveObservation(raw.id(), o, refused.testCode(), o.valueText(), o.unit(), "ERROR",
                        refused.reason());
            } else {
                messages.saveObservation(raw.id(), o, null, o.valueText(), o.unit(), "IGNORED",
                        "informational code, mapped to no test");
            }
        }
    }

    private void filePatientResult(RawMessage raw, Analyzer analyzer, Observation o, CodeMapper.Mapped mapped) {
        String accession = Accession.normalise(o.specimenId());
        if (!Accession.isValid(accession)) {
            String why = o.specimenId().isEmpty() ? "no specimen id (OBR-3/SPM-2, ASTM O-3) in the message"
                    : "specimen id '" + o.specimenId() + "' is not a valid accession number"
                            + (Accession.looksMistyped(accession) ? " (check digit wrong)" : "");
            messages.saveObservation(raw.id(), o, mapped.test().code(), mapped.valueText(), mapped.unit(), "ERROR",
                    why);
            return;
        }
        Observation normalised = new Observation(o.seq(), accession, false, o.instrumentCode(), o.valueText(),
                o.unit(), o.flags(), o.observedAt());
        long id = messages.saveObservation(raw.id(), normalised, mapped.test().code(), mapped.valueText(),
                mapped.unit(), "PENDING", null);
        events.publishEvent(new InstrumentResultReceived(id, raw.id(), analyzer.name(), accession,
                mapped.test().code(), mapped.valueText(), mapped.unit(), o.flags(),
                o.observedAt() != null ? o.observedAt() : raw.receivedAt()));
    }

    // QC is kept even when the code is not mapped: the QC module needs every control measurement it can get.
    private void fileQc(RawMessage raw, Analyzer analyzer, Observation o, CodeMapper.Outcome outcome) {
        String testCode = outcome instanceof CodeMapper.Mapped m ? m.test().code() : null;
        long id = messages.saveQc(raw.id(), analyzer.id(), o, testCode);
        events.publishEvent(new QcResultReceived(id, raw.id(), analyzer.name(), o.specimenId(), testCode,
                o.instrumentCode(), o.valueText(), o.unit(), o.flags(),
                o.observedAt() != null ? o.observedAt() : raw.receivedAt()));
    }

    @Override
    @Transactional
    public void filed(long observationId, long resultId) {
        long message = lockMessageOf(observationId);
        messages.markFiled(observationId, resultId);
        messages.settle(message, clock.instant());
    }

    @Override
    @Transactional
    public void refused(long observationId, String reason) {
        long message = lockMessageOf(observationId);
        messages.markRefused(observationId, reason);
        messages.settle(message, clock.instant());
    }

    // The message row is locked first, so concurrent reports on results of one message settle one after another.
    private long lockMessageOf(long observationId) {
        long message = messages.observation(observationId)
                .orElseThrow(() -> new NotFoundException("Analyzer observation", observationId)).rawMessageId();
        messages.lockState(message);
        return message;
    }
}
