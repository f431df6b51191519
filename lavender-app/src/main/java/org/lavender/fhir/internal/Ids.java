package org.lavender.fhir.internal;

import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;

/** Lavender's FHIR ids are its numeric database ids; anything else names nothing here. */
final class Ids {

    private Ids() {
    }

    static Optional<Long> asLong(IIdType id) {
        return id != null && id.isIdPartValidLong() ? Optional.of(id.getIdPartAsLong()) : Optional.empty();
    }
}
