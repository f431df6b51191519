package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.lavender.instruments.MessageState;
import org.lavender.instruments.QcResultReceived;
import org.lavender.instruments.RawMessage;
import org.lavender.instruments.ReceivedObservation;
import org.lavender.instruments.SpecimenResultsReceived;
import org.lavender.shared.NotFoundException;
import org.lavender.specimens.Accession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Files a stored message in one transaction: reads it from the stored bytes (or takes what the connection already
 * read from them), maps each code, keeps QC apart, writes the observation rows in one batch and publishes one
 * {@link SpecimenResultsReceived} per tube. The results module files them synchronously, in this transaction, and
 * reports back through {@link InstrumentFilings#settle}; the message is FILED when every result is filed or
 * ignored, ERROR when one is not. A crash before commit leaves the message RECEIVED, to be filed again whole.
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
     * Parses and files a stored message. Observations already filed are left alone, so running this again (after
     * a fix, or after a crash between ACK and filing) never files a result twice.
     */
    @Transactional
    public MessageState process(long rawMessageId) {
        return process(rawMessageId, null);
    }

    /**
     * Files a stored message; {@code read} is its content when the connection already read it from the same
     * bytes (null: read it from the store).
     */
    @Transactional
    public MessageState process(long rawMessageId, MessageContent read) {
        // Filing is redone from the durably stored message if its commit is lost in a crash (the message is then
        // still RECEIVED for the sweep), so it need not wait for the disk.
        messages.commitWithoutWaitingForDisk();
        MessageState state = messages.lockState(rawMessageId)
                .orElseThrow(() -> new NotFoundException("Analyzer message", rawMessageId));
        if (state == MessageState.FILED || state == MessageState.REJECTED || state == MessageState.DUPLICATE) {
            return state;
        }
        RawMessage raw = messages.find(rawMessageId).orElseThrow();
        Analyzer analyzer = analyzers.find(raw.analyzerId()).orElseThrow();
        MessageContent content = read;
        if (content == null) {
            try {
                content = reader.read(raw.protocol(), raw.bytes(), Charset.forName(analyzer.encoding()));
            } catch (MessageReader.UnreadableMessage e) {
                messages.setState(rawMessageId, MessageState.ERROR, e.getMessage(), clock.instant());
                return MessageState.ERROR;
            }
        }
        if (content.observations().isEmpty()) {
            messages.setState(rawMessageId, MessageState.FILED, content.note(), clock.instant());
            return MessageState.FILED;
        }
        var rows = new ArrayList<MessageRepository.ObservationRow>();
        List<SpecimenResultsReceived> toFile = file(raw, analyzer, content.observations(), rows);
        // The results module files each tube's results synchronously and reports through settle(), which this
        // transaction collects, so every observation row is written once, already in its final state.
        var settling = new Settling(rawMessageId);
        TransactionSynchronizationManager.bindResource(Settling.class, settling);
        try {
            toFile.forEach(events::publishEvent);
        } finally {
            TransactionSynchronizationManager.unbindResource(Settling.class);
        }
        messages.saveObservations(rawMessageId, rows.stream().map(r -> {
            InstrumentFilings.Outcome outcome = settling.outcomes.get(r.observation().seq());
            return outcome == null || !"PENDING".equals(r.state()) ? r : r.settled(outcome);
        }).toList());
        messages.settle(rawMessageId, clock.instant());
        return messages.lockState(rawMessageId).orElseThrow();
    }

    /** The outcomes the results module reported while this transaction files one message, by sequence number. */
    private record Settling(long rawMessageId, Map<Integer, InstrumentFilings.Outcome> outcomes) {

        Settling(long rawMessageId) {
            this(rawMessageId, new HashMap<>());
        }
    }

    /** Collects the observation rows to write; returns the results to file, one event per tube. */
    private List<SpecimenResultsReceived> file(RawMessage raw, Analyzer analyzer, List<Observation> observations,
                                               List<MessageRepository.ObservationRow> rows) {
        Map<Integer, ReceivedObservation> existing = messages.observations(raw.id()).stream()
                .collect(Collectors.toMap(ReceivedObservation::seq, o -> o));
        Map<String, CodeMapping> codeMap = analyzers.codeMap(analyzer.id()).stream()
                .collect(Collectors.toMap(CodeMapping::instrumentCode, m -> m));
        Map<String, Optional<TestDefinition>> tests = new HashMap<>();
        Function<String, Optional<TestDefinition>> lookup = code -> tests.computeIfAbsent(code, catalog::test);
        Map<String, List<SpecimenResultsReceived.Measured>> byTube = new LinkedHashMap<>();
        for (Observation o : observations) {
            ReceivedObservation before = existing.get(o.seq());
            if (before != null && (before.state().equals("FILED") || before.state().equals("PENDING"))) {
                continue;
            }
            var outcome = CodeMapper.map(o, analyzer.name(), Optional.ofNullable(codeMap.get(o.instrumentCode())),
                    analyzer.loincCodes(), lookup);
            if (o.qc()) {
                fileQc(raw, analyzer, o, outcome);
            } else if (outcome instanceof CodeMapper.Mapped mapped) {
                rows.add(patientResult(raw, o, mapped, byTube));
            } else if (outcome instanceof CodeMapper.Refused refused) {
                rows.add(new MessageRepository.ObservationRow(o, refused.testCode(), o.valueText(), o.unit(),
                        "ERROR", refused.reason()));
            } else {
                rows.add(new MessageRepository.ObservationRow(o, null, o.valueText(), o.unit(), "IGNORED",
                        "informational code, mapped to no test"));
            }
        }
        return byTube.entrySet().stream().map(e -> new SpecimenResultsReceived(raw.id(), analyzer.name(),
                e.getKey(), e.getValue())).toList();
    }

    private MessageRepository.ObservationRow patientResult(RawMessage raw, Observation o, CodeMapper.Mapped mapped,
                                                           Map<String, List<SpecimenResultsReceived.Measured>> byTube) {
        String accession = Accession.normalise(o.specimenId());
        if (!Accession.isValid(accession)) {
            String why = o.specimenId().isEmpty() ? "no specimen id (OBR-3/SPM-2, ASTM O-3) in the message"
                    : "specimen id '" + o.specimenId() + "' is not a valid accession number"
                            + (Accession.looksMistyped(accession) ? " (check digit wrong)" : "");
            return new MessageRepository.ObservationRow(o, mapped.test().code(), mapped.valueText(), mapped.unit(),
                    "ERROR", why);
        }
        Observation normalised = new Observation(o.seq(), accession, false, o.instrumentCode(), o.valueText(),
                o.unit(), o.flags(), o.observedAt());
        byTube.computeIfAbsent(accession, a -> new ArrayList<>()).add(new SpecimenResultsReceived.Measured(o.seq(),
                mapped.test().code(), mapped.valueText(), mapped.unit(), o.flags(),
                o.observedAt() != null ? o.observedAt() : raw.receivedAt()));
        return new MessageRepository.ObservationRow(normalised, mapped.test().code(), mapped.valueText(),
                mapped.unit(), "PENDING", null);
    }

    // QC is kept even when the code is not mapped: the QC module needs every control measurement it can get.
    private void fileQc(RawMessage raw, Analyzer analyzer, Observation o, CodeMapper.Outcome outcome) {
        String testCode = outcome instanceof CodeMapper.Mapped m ? m.test().code() : null;
        long id = messages.saveQc(raw.id(), analyzer.id(), o, testCode);
        events.publishEvent(new QcResultReceived(id, raw.id(), analyzer.name(), o.specimenId(), testCode,
                o.instrumentCode(), o.valueText(), o.unit(), o.flags(),
                o.observedAt() != null ? o.observedAt() : raw.receivedAt()));
    }

    /** A message that could not be filed (an unexpected failure, rolled back) becomes a dead letter. */
    @Transactional
    public void failed(long rawMessageId, String reason) {
        MessageState state = messages.lockState(rawMessageId).orElseThrow();
        if (state == MessageState.RECEIVED || state == MessageState.PARSED) {
            messages.setState(rawMessageId, MessageState.ERROR, reason, clock.instant());
        }
    }

    // The message row is locked first, so reports on the tubes of one message settle one after another.
    @Override
    @Transactional
    public void settle(long rawMessageId, List<Outcome> outcomes) {
        if (TransactionSynchronizationManager.getResource(Settling.class) instanceof Settling s
                && s.rawMessageId() == rawMessageId) {
            outcomes.forEach(o -> s.outcomes().put(o.seq(), o));
            return;
        }
        messages.lockState(rawMessageId).orElseThrow(() -> new NotFoundException("Analyzer message", rawMessageId));
        messages.markOutcomes(rawMessageId, outcomes);
        messages.settle(rawMessageId, clock.instant());
    }
}
