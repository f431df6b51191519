package org.lavender.results.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.instruments.AnalyzerResultsReceived;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.SpecimenResultsReceived;
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
 * analyzer message a dead letter with the reason.
 */
@Component
class InstrumentResultFiling {

    private final Specimens specimens;
    private final ResultService results;
    private final InstrumentFilings filings;

    InstrumentResultFiling(Specimens specimens, ResultService results, InstrumentFilings filings) {
        this.specimens = specimens;
        this.results = results;
        this.filings = filings;
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
}
