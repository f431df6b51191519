package org.lavender.specimens.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.lavender.shared.ConflictException;
import org.lavender.specimens.Accession;
import org.springframework.stereotype.Component;

/** Issues the next accession of the lab's current day from the per-day sequence. */
@Component
class AccessionNumbers {

    private final SpecimenRepository repository;
    private final Clock clock;

    AccessionNumbers(SpecimenRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    Accession next() {
        LocalDate day = LocalDate.now(clock);
        int sequence = repository.nextSequence(day);
        if (sequence > Accession.MAX_PER_DAY) {
            throw new ConflictException("All " + Accession.MAX_PER_DAY + " accession numbers of " + day
                    + " are used; no more tubes can be accessioned today");
        }
        return Accession.issue(day, sequence);
    }
}
