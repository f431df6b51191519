package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.AnalyzerStatus;
import org.lavender.instruments.CodeMapping;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.MessageState;
import org.lavender.instruments.OrderMessageType;
import org.lavender.instruments.OutboundOrder;
import org.lavender.instruments.OutboundState;
import org.lavender.instruments.RawMessage;
import org.lavender.instruments.SpecimenIdField;
import org.lavender.instruments.ReceivedObservation;
import org.lavender.instruments.Transport;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Analyzer configuration (admin, audited), the message store's read side, dead letters and reprocessing. */
@Service
class InstrumentService implements Instruments {

    private final AnalyzerRepository analyzers;
    private final OutboundRepository outbound;
    private final MessageRepository messages;
    private final FilingService filing;
    private final Catalog catalog;
    private final AuditLog audit;
    private final AnalyzerListeners listeners;
    private final LiveStatus live;
    private final Clock clock;

    InstrumentService(AnalyzerRepository analyzers, OutboundRepository outbound, MessageRepository messages,
                      FilingService filing, Catalog catalog, AuditLog audit, AnalyzerListeners listeners,
                      LiveStatus live, Clock clock) {
        this.analyzers = analyzers;
        this.outbound = outbound;
        this.messages = messages;
        this.filing = filing;
        this.catalog = catalog;
        this.audit = audit;
        this.listeners = listeners;
        this.live = live;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public List<Analyzer> analyzers() {
        return analyzers.all();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Analyzer> analyzer(long id) {
        return analyzers.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Analyzer> analyzerByName(String name) {
        return analyzers.findByName(name);
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Analyzer create(AnalyzerSettings settings) {
        AnalyzerSettings s = validate(settings, null);
        long id = analyzers.insert(s);
        Analyzer created = analyzers.find(id).orElseThrow();
        audit.record(AuditEvent.created("analyzer", id, created.describe()));
        restartAfterCommit(id);
        return created;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public Analyzer update(long id, int version, AnalyzerSettings settings) {
        Analyzer old = analyzers.find(id).orElseThrow(() -> new NotFoundException("Analyzer", id));
        AnalyzerSettings s = validate(settings, id);
        if (!analyzers.update(id, version, s)) {
            throw new ConflictException("Analyzer " + old.name() + " was changed by someone else; reload and retry");
        }
        Analyzer updated = analyzers.find(id).orElseThrow();
        audit.record(AuditEvent.changed("analyzer", id, old.describe(), updated.describe(), null));
        restartAfterCommit(id);
        return updated;
    }

    private AnalyzerSettings validate(AnalyzerSettings s, Long id) {
        if (s.name() == null || s.name().isBlank() || s.name().length() > 100) {
            throw new InvalidInputException("name", "Give the analyzer a name of at most 100 characters");
        }
        analyzers.findByName(s.name().strip()).filter(a -> id == null || a.id() != id).ifPresent(a -> {
            throw new InvalidInputException("name", "An analyzer named " + a.name() + " exists already");
        });
        if (s.protocol() == null) {
            throw new InvalidInputException("protocol", "Choose ASTM or HL7");
        }
        if (s.transport() == null) {
            throw new InvalidInputException("transport", "Choose TCP server, TCP client or serial");
        }
        if (s.transport() != Transport.SERIAL && (s.port() == null || s.port() < 0 || s.port() > 65535)) {
            throw new InvalidInputException("port", "A TCP port is 0 to 65535 (0: any free port)");
        }
        if (s.transport() == Transport.TCP_CLIENT && (s.host() == null || s.host().isBlank() || s.port() == 0)) {
            throw new InvalidInputException("host", "A TCP client needs the analyzer's host and port");
        }
        if (s.transport() == Transport.SERIAL && (s.serialPort() == null || s.serialPort().isBlank())) {
            throw new InvalidInputException("serialPort", "Name the serial port, e.g. /dev/ttyUSB0 or COM3");
        }
        if (s.transport() == Transport.SERIAL) {
            SerialSettings.parse(s.serialPort());
        }
        String encoding = s.encoding() == null || s.encoding().isBlank() ? "UTF-8" : s.encoding().strip();
        try {
            encoding = Charset.forName(encoding).name();
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new InvalidInputException("encoding", "Unknown character encoding '" + encoding + "'");
        }
        if (s.section() != null && !s.section().isBlank() && catalog.section(s.section().strip()).isEmpty()) {
            throw new InvalidInputException("section", "No section " + s.section() + " in the catalog");
        }
        SpecimenIdField specimenIdField = s.specimenIdField() == null ? SpecimenIdField.AUTO : s.specimenIdField();
        if (!specimenIdField.fits(s.protocol())) {
            throw new InvalidInputException("specimenIdField", specimenIdField.field() + " is not a field of "
                    + s.protocol() + " messages: choose " + (s.protocol() == AnalyzerProtocol.HL7
                    ? "SPM-2, OBR-3 or OBR-2" : "O-3 or O-4") + ", or automatic");
        }
        OrderMessageType orderMessage = s.orderMessage() == null ? OrderMessageType.OML_O21 : s.orderMessage();
        if (orderMessage != OrderMessageType.OML_O21 && s.protocol() != AnalyzerProtocol.HL7) {
            throw new InvalidInputException("orderMessage", "ORM^O01 is an HL7 message; an ASTM analyzer gets its"
                    + " orders as LIS2-A2 O records");
        }
        return new AnalyzerSettings(s.name().strip(), blankToNull(s.model()), blankToNull(s.section()), s.protocol(),
                s.transport(), blankToNull(s.host()), s.port(), blankToNull(s.serialPort()), encoding, s.loincCodes(),
                s.active(), s.pushOrders(), specimenIdField, orderMessage);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CodeMapping> codeMap(long analyzerId) {
        return analyzers.codeMap(analyzerId);
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public CodeMapping map(long analyzerId, CodeMapping mapping) {
        Analyzer analyzer = analyzers.find(analyzerId).orElseThrow(() -> new NotFoundException("Analyzer", analyzerId));
        if (mapping.instrumentCode() == null || mapping.instrumentCode().isBlank()
                || mapping.instrumentCode().length() > 100) {
            throw new InvalidInputException("instrumentCode", "Enter the code the analyzer sends (at most 100"
                    + " characters)");
        }
        String entered = blankToNull(mapping.testCode());
        String testCode = entered == null ? null : catalog.test(entered).map(TestDefinition::code)
                .orElseThrow(() -> new InvalidInputException("testCode", "No test " + entered + " in the catalog"));
        if (mapping.factor() != null && mapping.factor().signum() <= 0) {
            throw new InvalidInputException("factor", "A conversion factor is a positive number");
        }
        var clean = new CodeMapping(mapping.instrumentCode().strip(), testCode, blankToNull(mapping.unit()),
                mapping.factor());
        Optional<CodeMapping> old = analyzers.mapping(analyzerId, clean.instrumentCode());
        analyzers.upsertMapping(analyzerId, clean);
        audit.record(AuditEvent.changed("analyzer-code-map", analyzerId + ":" + clean.instrumentCode(),
                old.map(InstrumentService::describe).orElse(null), describe(clean), "code map of " + analyzer.name()));
        return clean;
    }

    @Override
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    public void unmap(long analyzerId, String instrumentCode) {
        CodeMapping old = analyzers.mapping(analyzerId, instrumentCode)
                .orElseThrow(() -> new NotFoundException("Code mapping", instrumentCode));
        analyzers.deleteMapping(analyzerId, instrumentCode);
        audit.record(AuditEvent.of("DELETE", "analyzer-code-map", analyzerId + ":" + instrumentCode, describe(old),
                null, null));
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> unmappedCodes(long analyzerId) {
        return messages.unmappedCodes(analyzerId);
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<RawMessage> deadLetters(String cursor, int size) {
        int pageSize = Math.min(Math.max(size, 1), 200);
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "Malformed page cursor");
            }
        }
        List<RawMessage> rows = messages.deadLetters(before, pageSize + 1);
        if (rows.size() > pageSize) {
            List<RawMessage> page = rows.subList(0, pageSize);
            return new Slice<>(page, Long.toString(page.get(pageSize - 1).id()));
        }
        return new Slice<>(rows, null);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<RawMessage> message(long id) {
        return messages.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ReceivedObservation> observations(long rawMessageId) {
        return messages.observations(rawMessageId);
    }

    @Override
    @Transactional(readOnly = true)
    public List<RawMessage> recentMessages(long analyzerId, int limit) {
        return messages.recent(analyzerId, Math.min(Math.max(limit, 1), 200));
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public RawMessage reprocess(long rawMessageId) {
        RawMessage before = messages.find(rawMessageId)
                .orElseThrow(() -> new NotFoundException("Analyzer message", rawMessageId));
        if (before.state() == MessageState.REJECTED) {
            throw new ConflictException("Message " + rawMessageId + " was refused on the wire (" + before.reason()
                    + "); the analyzer has to send it again");
        }
        if (before.state() == MessageState.DUPLICATE) {
            throw new ConflictException("Message " + rawMessageId + " repeats message " + before.duplicateOf()
                    + "; reprocess that one");
        }
        if (before.state() == MessageState.FILED) {
            throw new ConflictException("Message " + rawMessageId + " is filed already");
        }
        MessageState after = filing.process(rawMessageId);
        audit.record(AuditEvent.of("REPROCESS", "analyzer-message", rawMessageId, before.state() + ": "
                + before.reason(), after.name(), "reprocessed from the stored bytes"));
        return messages.find(rawMessageId).orElseThrow();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public int reprocessCode(long analyzerId, String instrumentCode) {
        List<Long> ids = messages.deadLettersWithCode(analyzerId, instrumentCode);
        for (long id : ids) {
            reprocess(id);
        }
        return ids.size();
    }

    @Override
    @Transactional(readOnly = true)
    public List<OutboundOrder> outboundOrders(long analyzerId, int limit) {
        return outbound.recent(analyzerId, Math.min(Math.max(limit, 1), 200));
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','ADMIN')")
    @Transactional
    public OutboundOrder resend(long outboundOrderId) {
        OutboundOrder before = outbound.find(outboundOrderId)
                .orElseThrow(() -> new NotFoundException("Order message", outboundOrderId));
        if (!outbound.requeue(outboundOrderId, clock.instant())) {
            throw new ConflictException("Order message " + outboundOrderId + " is " + before.state()
                    + "; only a FAILED one is resent");
        }
        audit.record(AuditEvent.of("RESEND", "analyzer-order", outboundOrderId, before.state() + ": "
                + before.reason(), OutboundState.QUEUED.name(), "order for " + before.accession() + " resent"));
        return outbound.find(outboundOrderId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AnalyzerStatus> status() {
        LocalDate today = LocalDate.now(clock);
        Map<Long, MessageRepository.DayCounts> counts = messages.countsSince(
                today.atStartOfDay(clock.getZone()).toInstant());
        return analyzers.all().stream().map(a -> {
            LiveStatus.Live l = live.of(a.id());
            var c = counts.getOrDefault(a.id(), new MessageRepository.DayCounts(0, 0, null));
            return new AnalyzerStatus(a, l.link, l.boundPort, l.connections.get(), c.lastMessageAt(), c.messages(),
                    c.errors(), l.lastError);
        }).toList();
    }

    // The listener takes the new settings once they are committed (a rolled-back edit changes nothing).
    private void restartAfterCommit(long analyzerId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                listeners.restart(analyzerId);
            }
        });
    }

    private static String describe(CodeMapping m) {
        return m.instrumentCode() + " -> " + (m.ignored() ? "(ignored)" : m.testCode())
                + (m.unit() == null ? "" : " in " + m.unit())
                + (m.factor() == null ? "" : " x " + m.factor().toPlainString());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
