package org.lavender.results.internal;

import java.util.Optional;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.InstrumentResultReceived;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Files the results analyzers send on the tube they name, and tells the instruments module what became of each
 * in the same transaction: a refusal (unknown accession, tube not received, test not ordered, result released)
 * makes the analyzer message a dead letter with the reason.
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

    @ApplicationModuleListener
    void on(InstrumentResultReceived sent) {
        Optional<Specimen> tube = specimens.byAccession(sent.accession());
        if (tube.isEmpty()) {
            filings.refused(sent.observationId(), "no specimen with accession " + sent.accession());
            return;
        }
        if (tube.get().status() != SpecimenStatus.RECEIVED) {
            filings.refused(sent.observationId(), "specimen " + sent.accession() + " is "
                    + tube.get().status().name().toLowerCase() + "; results are filed on received tubes only");
            return;
        }
        ResultService.InstrumentFiling outcome = results.fileFromInstrument(tube.get().id(), sent);
        if (outcome.refusal() != null) {
            filings.refused(sent.observationId(), outcome.refusal());
        } else {
            filings.filed(sent.observationId(), outcome.resultId());
        }
    }
}
