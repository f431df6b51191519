package org.lavender.instruments.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.CodeMapping;
import org.lavender.protocols.astm.HeaderRecord;
import org.lavender.protocols.astm.OrderDownload;
import org.lavender.protocols.astm.QueryRecord;
import org.lavender.protocols.astm.QueryReply;
import org.lavender.protocols.astm.UniversalTestId;
import org.lavender.specimens.Accession;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.lavender.shared.Priority;
import org.springframework.stereotype.Component;

/**
 * Answers an analyzer's host query (LIS2-A2 Q record, HL7 QBP^Q11 or QRY^Q02): the tests ordered on the received
 * tube that this analyzer runs, in its own codes. A tube not received, rejected or unknown gets "no information"
 * (ASTM L-3 = I, HL7 QAK-2 = NF), so the analyzer runs nothing on it.
 */
@Component
class HostQueries {

    private static final AtomicLong REPLY_IDS = new AtomicLong(System.currentTimeMillis());

    private final Specimens specimens;
    private final AnalyzerRepository analyzers;
    private final Catalog catalog;
    private final Clock clock;

    HostQueries(Specimens specimens, AnalyzerRepository analyzers, Catalog catalog, Clock clock) {
        this.specimens = specimens;
        this.analyzers = analyzers;
        this.catalog = catalog;
        this.clock = clock;
    }

    List<String> answer(Analyzer analyzer, HeaderRecord header, QueryRecord query) {
        var orders = new ArrayList<OrderDownload.Order>();
        Optional<OrderDownload.Patient> patient = Optional.empty();
        Optional<Hl7QueryReply.Work> work = work(analyzer, specimenAsked(query));
        if (work.isPresent() && !work.get().codes().isEmpty()) {
            Hl7QueryReply.Work w = work.get();
            orders.add(new OrderDownload.Order(w.accession(), w.codes().stream()
                    .map(c -> UniversalTestId.local(c.code())).toList(), w.priority(), "N"));
            patient = Optional.of(new OrderDownload.Patient(w.patientId(), "", "", null, ""));
        }
        return QueryReply.answer(query, "LAVENDER", header.senderName(), LocalDateTime.now(clock), patient, orders);
    }

    /**
     * The tube an ASTM query asks for. LIS2-A2 puts the specimen ID in Q-3.2; some analyzers put the rack and the
     * position first (Q-3 = rack^position^sample number^...). The first component from the second on that is a
     * valid accession (its check digit rules out a rack or position number) is the tube; else Q-3.2, which then
     * finds nothing.
     */
    static String specimenAsked(QueryRecord query) {
        List<String> range = query.startingRange();
        for (int i = 1; i < range.size(); i++) {
            if (Accession.isValid(range.get(i))) {
                return range.get(i).strip();
            }
        }
        return query.specimenId();
    }

    /** The reply to an HL7 host query (QBP^Q11 or QRY^Q02): the tube's work, or NF / AE. */
    String answer(Analyzer analyzer, Hl7HostQuery.Read read) {
        String controlId = "LAVQ" + REPLY_IDS.incrementAndGet();
        if (read instanceof Hl7HostQuery.Malformed malformed) {
            return Hl7QueryReply.refuse(malformed, controlId, LocalDateTime.now(clock));
        }
        Hl7HostQuery query = ((Hl7HostQuery.Usable) read).query();
        return Hl7QueryReply.answer(query, work(analyzer, query.specimenId()), controlId, LocalDateTime.now(clock));
    }

    /**
     * What the analyzer should run on the tube: only a received tube has work (not one unknown, rejected or not yet
     * in the lab), in the analyzer's codes, STAT and ASAP marked.
     */
    private Optional<Hl7QueryReply.Work> work(Analyzer analyzer, String specimenId) {
        String accession = Accession.normalise(specimenId);
        Optional<Specimen> specimen = Accession.isValid(accession) ? specimens.byAccession(accession)
                : Optional.empty();
        if (specimen.isEmpty() || specimen.get().status() != SpecimenStatus.RECEIVED) {
            return Optional.empty();
        }
        Specimen tube = specimen.get();
        return Optional.of(new Hl7QueryReply.Work(tube.accession(), Long.toString(tube.patientId()),
                priority(tube.priority()), codesFor(analyzer, tube.tests())));
    }

    /** The analyzer's codes for a tube's tests: its code map first, then LOINC for LOINC-coded analyzers. */
    List<Hl7QueryReply.TestCode> codesFor(Analyzer analyzer, List<Specimen.SpecimenTest> tests) {
        List<CodeMapping> map = analyzers.codeMap(analyzer.id());
        var codes = new LinkedHashSet<Hl7QueryReply.TestCode>();
        for (Specimen.SpecimenTest t : tests) {
            Optional<String> mapped = map.stream().filter(m -> t.testCode().equals(m.testCode()))
                    .map(CodeMapping::instrumentCode).findFirst();
            if (mapped.isPresent()) {
                codes.add(new Hl7QueryReply.TestCode(mapped.get(), false));
            } else if (analyzer.loincCodes()) {
                catalog.test(t.testCode()).filter(test -> runsHere(analyzer, test)).map(TestDefinition::loinc)
                        .filter(l -> l != null && !l.isBlank())
                        .ifPresent(loinc -> codes.add(new Hl7QueryReply.TestCode(loinc, true)));
            }
        }
        return List.copyOf(codes);
    }

    static boolean runsHere(Analyzer analyzer, TestDefinition test) {
        return analyzer.section() == null || analyzer.section().isBlank()
                || analyzer.section().equalsIgnoreCase(test.section());
    }

    static String priority(Priority priority) {
        return switch (priority) {
            case STAT -> "S";
            case ASAP -> "A";
            default -> "R";
        };
    }
}
