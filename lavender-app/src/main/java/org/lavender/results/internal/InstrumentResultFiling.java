package org.lavender.results.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.AnalyzerResultsReceived;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.SpecimenResultsReceived;
import org.lavender.results.ReflexOrders;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Files the results analyzer messages send for their tubes, and tells the instruments module what became of each,
 * one call per message and tube, in the transaction that files the messages (a synchronous listener: the stored
 * messages, their results and their states commit together). The tubes are looked up at once, and their results
 * filed together. A refusal (unknown accession, tube not received, test not ordered, result released) makes the
 * analyzer message a dead letter with the reason. A serum index the analyzer measured on a tube where it was not
 * ordered joins the tube's order first (audited by the orders module with the reason): chemistry analyzers measure
 * the indices of every serum they run, and the indices qualify every analyte of that specimen (CLSI C56).
 */
@Component
class InstrumentResultFiling {

    private final Specimens specimens;
    private final ResultService results;
    private final InstrumentFilings filings;
    private final IntelligenceRepository rules;
    private final ReflexOrders orders;
    private final ResultRepository pending;
    private final Catalog catalog;

    InstrumentResultFiling(Specimens specimens, ResultService results, InstrumentFilings filings,
                           IntelligenceRepository rules, ReflexOrders orders, ResultRepository pending,
                           Catalog catalog) {
        this.specimens = specimens;
        this.results = results;
        this.filings = filings;
        this.rules = rules;
        this.orders = orders;
        this.pending = pending;
        this.catalog = catalog;
    }

    @EventListener
    void on(AnalyzerResultsReceived received) {
        Map<String, Specimen> tubes = specimens.byAccessions(received.tubes().stream()
                        .map(SpecimenResultsReceived::accession).distinct().toList()).stream()
                .collect(Collectors.toMap(Specimen::accession, Function.identity()));
        var accepted = new ArrayList<ResultService.SentToTube>();
        for (SpecimenResultsReceived sent : received.tubes()) {
            Specimen tube = tubes.get(sent.accession());
            String refusal = tube == null ? "no specimen with accession " + sent.accession()
                    : tube.status() != SpecimenStatus.RECEIVED ? "specimen " + sent.accession() + " is "
                            + tube.status().name().toLowerCase() + "; results are filed on received tubes only"
                    : null;
            if (refusal == null) {
                addMeasuredIndices(tube, sent);
                accepted.add(new ResultService.SentToTube(tube.id(), sent));
            } else {
                filings.settle(sent.rawMessageId(), sent.results().stream()
                        .map(m -> InstrumentFilings.Outcome.refused(m.seq(), refusal)).toList());
            }
        }
        List<List<InstrumentFilings.Outcome>> outcomes = results.fileFromInstrument(accepted);
        for (int i = 0; i < accepted.size(); i++) {
            filings.settle(accepted.get(i).sent().rawMessageId(), outcomes.get(i));
        }
    }

    // Only onto the tube that was measured: an index is never a reason to draw another tube.
    private void addMeasuredIndices(Specimen tube, SpecimenResultsReceived sent) {
        Map<String, Character> carriers = rules.indexTests();
        Set<String> onTube = null;
        for (SpecimenResultsReceived.Measured m : sent.results()) {
            if (!carriers.containsKey(m.testCode())) {
                continue;
            }
            if (onTube == null) {
                onTube = tube.tests().stream().map(Specimen.SpecimenTest::testCode)
                        .collect(Collectors.toCollection(HashSet::new));
            }
            Optional<TestDefinition> index = catalog.test(m.testCode()).filter(t -> t.containerCode()
                    .equals(tube.containerCode()) && t.section().equals(tube.section()));
            if (onTube.contains(m.testCode()) || index.isEmpty()) {
                continue;
            }
            TestDefinition t = index.get();
            ReflexOrders.Added added = orders.add(tube.orderId(), tube.id(), t.code(), "serum index measured by "
                    + sent.analyzer() + " on " + tube.accession() + " (message " + sent.rawMessageId() + ")",
                    sent.actor());
            if (added.outcome() == ReflexOrders.Outcome.ADDED) {
                pending.openPending(PendingResult.onTube(tube, added.orderItemId(), t));
                onTube.add(t.code());
            }
        }
    }
}
