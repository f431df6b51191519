package org.lavender.instruments.internal;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
 * Answers an analyzer's host query (LIS2-A2 Q record): the tests ordered on the received tube that this analyzer
 * runs, in its own codes. A tube not received, rejected or unknown gets "no information" (L-3 = I), so the
 * analyzer runs nothing on it.
 */
@Component
class HostQueries {

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
        String accession = Accession.normalise(query.specimenId());
        Optional<Specimen> specimen = Accession.isValid(accession) ? specimens.byAccession(accession)
                : Optional.empty();
        var orders = new ArrayList<OrderDownload.Order>();
        Optional<OrderDownload.Patient> patient = Optional.empty();
        if (specimen.isPresent() && specimen.get().status() == SpecimenStatus.RECEIVED) {
            Specimen tube = specimen.get();
            List<UniversalTestId> tests = codesFor(analyzer, tube).stream().map(UniversalTestId::local).toList();
            if (!tests.isEmpty()) {
                orders.add(new OrderDownload.Order(tube.accession(), tests, priority(tube.priority()), "N"));
                patient = Optional.of(new OrderDownload.Patient(Long.toString(tube.patientId()), "", "", null, ""));
            }
        }
        return QueryReply.answer(query, "LAVENDER", header.senderName(), LocalDateTime.now(clock), patient, orders);
    }

    /** The analyzer's codes for the tube's tests: its code map first, then LOINC for LOINC-coded analyzers. */
    List<String> codesFor(Analyzer analyzer, Specimen tube) {
        List<CodeMapping> map = analyzers.codeMap(analyzer.id());
        var codes = new LinkedHashSet<String>();
        for (Specimen.SpecimenTest t : tube.tests()) {
            Optional<String> mapped = map.stream().filter(m -> t.testCode().equals(m.testCode()))
                    .map(CodeMapping::instrumentCode).findFirst();
            if (mapped.isPresent()) {
                codes.add(mapped.get());
            } else if (analyzer.loincCodes()) {
                catalog.test(t.testCode()).filter(test -> runsHere(analyzer, test)).map(TestDefinition::loinc)
                        .filter(l -> l != null && !l.isBlank()).ifPresent(codes::add);
            }
        }
        return List.copyOf(codes);
    }

    private static boolean runsHere(Analyzer analyzer, TestDefinition test) {
        return analyzer.section() == null || analyzer.section().isBlank()
                || analyzer.section().equalsIgnoreCase(test.section());
    }

    private static String priority(Priority priority) {
        return switch (priority) {
            case STAT -> "S";
            case ASAP -> "A";
            default -> "R";
        };
    }
}
