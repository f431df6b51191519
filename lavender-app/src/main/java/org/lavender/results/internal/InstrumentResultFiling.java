package org.lavender.results.internal;

import java.util.List;
import java.util.Optional;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.SpecimenResultsReceived;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Files the results an analyzer message sends for one tube, and tells the instruments module what became of each,
 * in one call and in the transaction that files the message (a synchronous listener: the stored message, its
 * results and its state commit together). A refusal (unknown accession, tube not received, test not ordered,
 * result released) makes the analyzer message a dead letter with the reason.
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
    void on(SpecimenResultsReceived sent) {
        Optional<Specimen> tube = specimens.byAccession(sent.accession());
        String refusal = tube.isEmpty() ? "no specimen with accession " + sent.accession()
                : tube.get().status() != SpecimenStatus.RECEIVED ? "specimen " + sent.accession() + " is "
                        + tube.get().status().name().toLowerCase() + "; results are filed on received tubes only"
                : null;
        if (refusal != null) {
            filings.settle(sent.rawMessageId(), sent.results().stream()
                    .map(m -> InstrumentFilings.Outcome.refused(m.seq(), refusal)).toList());
            return;
        }
        List<InstrumentFilings.Outcome> outcomes = results.fileFromInstrument(tube.get().id(), sent);
        filings.settle(sent.rawMessageId(), outcomes);
    }
}
