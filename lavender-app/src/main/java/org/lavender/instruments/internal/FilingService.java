package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerResultsReceived;
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
 * Files stored messages in one transaction: reads each from its stored bytes (or takes what the connection already
 * read from them), maps each code, keeps QC apart, writes the observation rows in one batch and publishes one
 * {@link AnalyzerResultsReceived} listing every tube of every message. The results module files them synchronously,
 * in this transaction, and reports back through {@link InstrumentFilings#settle}; a message is FILED when every
 * result is filed or ignored, ERROR when one is not. A crash before commit leaves the messages RECEIVED, to be
 * filed again whole. Filing many messages together costs a few statements per batch instead of per message.
 */
@Service
class FilingService implements InstrumentFilings {

    /** States a message is not filed again from. */
    private static final Set<MessageState> FINAL = EnumSet.of(MessageState.FILED, MessageState.REJECTED,
            MessageState.DUPLICATE);

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

    /** A stored message to file, and what the connection already read from its bytes (null: read the store). */
    record Filing(long rawMessageId, MessageContent read) {
    }

    /**
     * Parses and files a stored message. Observations already filed are left alone, so running this again (after
     * a fix, or after a crash between ACK and filing) never files a result twice.
     */
    @Transactional
    public MessageState process(long rawMessageId) {
        return process(rawMessageId, null);
    }

    /** Files one stored message; {@code read}: see {@link Filing}. */
    @Transactional
    public MessageState process(long rawMessageId, MessageContent read) {
        MessageState state = processAll(List.of(new Filing(rawMessageId, read))).get(rawMessageId);
        if (state == null) {
            throw new NotFoundException("Analyzer message", rawMessageId);
        }
        return state;
    }

    /**
     * Files stored messages together, in the order given (the order they were stored, so a re-run sent later
     * replaces the earlier value). Returns the state of each message found; one already filed, rejected or a
     * duplicate is left as it is.
     */
    @Transactional
    public Map<Long, MessageState> processAll(List<Filing> batch) {
        // Filing is redone from the durably stored message if its commit is lost in a crash (the message is then
        // still RECEIVED for the sweep), so it need not wait for the disk.
        messages.commitWithoutWaitingForDisk();
        Map<Long, Filing> byId = new LinkedHashMap<>();
        batch.forEach(f -> byId.putIfAbsent(f.rawMessageId(), f));
        Map<Long, MessageState> states = new HashMap<>(messages.lockStates(byId.keySet()));
        byId.keySet().removeIf(id -> !states.containsKey(id) || FINAL.contains(states.get(id)));
        if (byId.isEmpty()) {
            return states;
        }
        Map<Long, RawMessage> raws = messages.findAll(byId.keySet(), byId.values().stream()
                        .filter(f -> f.read() == null).map(Filing::rawMessageId).toList()).stream()
                .collect(Collectors.toMap(RawMessage::id, m -> m));
        Map<Long, List<ReceivedObservation>> existing = messages.observations(byId.keySet());
        var context = new BatchContext();
        var rows = new ArrayList<MessageRepository.ObservationRow>();
        var tubes = new ArrayList<SpecimenResultsReceived>();
        var toSettle = new ArrayList<Long>();
        for (Filing f : byId.values()) {
            RawMessage raw = raws.get(f.rawMessageId());
            Analyzer analyzer = context.analyzer(raw.analyzerId());
            MessageContent content = f.read();
            if (content == null) {
                try {
                    content = reader.read(raw.protocol(), raw.bytes(), Charset.forName(analyzer.encoding()),
                            analyzer.specimenIdField());
                } catch (MessageReader.UnreadableMessage e) {
                    messages.setState(raw.id(), MessageState.ERROR, e.getMessage(), clock.instant());
                    states.put(raw.id(), MessageState.ERROR);
                    continue;
                }
            }
            if (content.observations().isEmpty()) {
                messages.setState(raw.id(), MessageState.FILED, content.note(), clock.instant());
                states.put(raw.id(), MessageState.FILED);
                continue;
            }
            tubes.addAll(file(raw, analyzer, content.observations(), existing.getOrDefault(raw.id(), List.of()),
                    context, rows));
            toSettle.add(raw.id());
        }
        // The results module files every tube synchronously and reports through settle(), which this transaction
        // collects, so every observation row is written once, already in its final state.
        var settling = new Settling(toSettle);
        if (!tubes.isEmpty()) {
            TransactionSynchronizationManager.bindResource(Settling.class, settling);
            try {
                events.publishEvent(new AnalyzerResultsReceived(tubes));
            } finally {
                TransactionSynchronizationManager.unbindResource(Settling.class);
            }
        }
        messages.saveObservations(rows.stream().map(r -> {
            InstrumentFilings.Outcome outcome = settling.outcome(r.rawMessageId(), r.observation().seq());
            return outcome == null || !"PENDING".equals(r.state()) ? r : r.settled(outcome);
        }).toList());
        if (!toSettle.isEmpty()) {
            states.putAll(messages.settle(toSettle, clock.instant()));
        }
        return states;
    }

    /** The outcomes the results module reported while this transaction files messages, by message and seq. */
    private record Settling(Set<Long> rawMessageIds, Map<Long, Map<Integer, InstrumentFilings.Outcome>> outcomes) {

        Settling(Collection<Long> rawMessageIds) {
            this(Set.copyOf(rawMessageIds), new HashMap<>());
        }

        void put(long rawMessageId, List<InstrumentFilings.Outcome> reported) {
            Map<Integer, InstrumentFilings.Outcome> bySeq = outcomes.computeIfAbsent(rawMessageId,
                    id -> new HashMap<>());
            reported.forEach(o -> bySeq.put(o.seq(), o));
        }

        InstrumentFilings.Outcome outcome(long rawMessageId, int seq) {
            return outcomes.getOrDefault(rawMessageId, Map.of()).get(seq);
        }
    }

    /** What a batch looks up once: analyzers, their code maps and catalog tests. */
    private final class BatchContext {

        private final Map<Long, Analyzer> analyzerById = new HashMap<>();
        private final Map<Long, Map<String, CodeMapping>> codeMaps = new HashMap<>();
        private final Map<String, Optional<TestDefinition>> tests = new HashMap<>();

        Analyzer analyzer(long id) {
            return analyzerById.computeIfAbsent(id, a -> analyzers.find(a).orElseThrow());
        }

        Optional<CodeMapping> mapping(long analyzerId, String instrumentCode) {
            return Optional.ofNullable(codeMaps.computeIfAbsent(analyzerId, a -> analyzers.codeMap(a).stream()
                    .collect(Collectors.toMap(CodeMapping::instrumentCode, m -> m))).get(instrumentCode));
        }

        Optional<TestDefinition> test(String code) {
            return tests.computeIfAbsent(code, catalog::test);
        }
    }

    /** Collects one message's observation rows to write; returns its results to file, one entry per tube. */
    private List<SpecimenResultsReceived> file(RawMessage raw, Analyzer analyzer, List<Observation> observations,
                                               List<ReceivedObservation> existingRows, BatchContext context,
                                               List<MessageRepository.ObservationRow> rows) {
        Map<Integer, ReceivedObservation> existing = existingRows.stream()
                .collect(Collectors.toMap(ReceivedObservation::seq, o -> o));
        Map<String, List<SpecimenResultsReceived.Measured>> byTube = new LinkedHashMap<>();
        for (Observation o : observations) {
            ReceivedObservation before = existing.get(o.seq());
            if (before != null && (before.state().equals("FILED") || before.state().equals("PENDING"))) {
                continue;
            }
            var outcome = CodeMapper.map(o, analyzer.name(), context.mapping(analyzer.id(), o.instrumentCode()),
                    analyzer.loincCodes(), context::test);
            if (o.qc()) {
                fileQc(raw, analyzer, o, outcome);
            } else if (outcome instanceof CodeMapper.Mapped mapped) {
                rows.add(patientResult(raw, analyzer, o, mapped, byTube));
            } else if (outcome instanceof CodeMapper.Refused refused) {
                rows.add(new MessageRepository.ObservationRow(raw.id(), o, refused.testCode(), o.valueText(),
                        o.unit(), "ERROR", refused.reason()));
            } else {
                rows.add(new MessageRepository.ObservationRow(raw.id(), o, null, o.valueText(), o.unit(), "IGNORED",
                        "informational code, mapped to no test"));
            }
        }
        return byTube.entrySet().stream().map(e -> new SpecimenResultsReceived(raw.id(), analyzer.name(),
                e.getKey(), e.getValue())).toList();
    }

    private MessageRepository.ObservationRow patientResult(RawMessage raw, Analyzer analyzer, Observation o,
                                                           CodeMapper.Mapped mapped,
                                                           Map<String, List<SpecimenResultsReceived.Measured>> byTube) {
        String accession = Accession.normalise(o.specimenId());
        if (!Accession.isValid(accession)) {
            String why = o.specimenId().isEmpty() ? "no specimen id in " + analyzer.specimenIdField().field()
                    + ", where " + analyzer.name() + " is set to send it"
                    : "specimen id '" + o.specimenId() + "' is not a valid accession number"
                            + (Accession.looksMistyped(accession) ? " (check digit wrong)" : "");
            return new MessageRepository.ObservationRow(raw.id(), o, mapped.test().code(), mapped.valueText(),
                    mapped.unit(), "ERROR", why);
        }
        Observation normalised = new Observation(o.seq(), accession, false, o.instrumentCode(), o.valueText(),
                o.unit(), o.flags(), o.observedAt());
        byTube.computeIfAbsent(accession, a -> new ArrayList<>()).add(new SpecimenResultsReceived.Measured(o.seq(),
                mapped.test().code(), mapped.valueText(), mapped.unit(), o.flags(),
                o.observedAt() != null ? o.observedAt() : raw.receivedAt()));
        return new MessageRepository.ObservationRow(raw.id(), normalised, mapped.test().code(), mapped.valueText(),
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
                && s.rawMessageIds().contains(rawMessageId)) {
            s.put(rawMessageId, outcomes);
            return;
        }
        messages.lockState(rawMessageId).orElseThrow(() -> new NotFoundException("Analyzer message", rawMessageId));
        messages.markOutcomes(rawMessageId, outcomes);
        messages.settle(rawMessageId, clock.instant());
    }
}
