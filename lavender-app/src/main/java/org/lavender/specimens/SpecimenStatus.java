package org.lavender.specimens;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a tube is in its life. The allowed moves form a small state machine: a tube is drawn, then received; it can
 * be rejected at any point until it is rejected or cancelled (a defect such as hemolysis may only show after
 * centrifugation, so a received tube can still be rejected); only tubes not yet received are cancelled with their
 * order items. REJECTED and CANCELLED are final: a rejected tube is replaced by a recollection, never revived.
 */
public enum SpecimenStatus {
    /** Label printed / tube expected; not yet drawn. */
    ORDERED,
    COLLECTED,
    /** Scanned in at the lab: it may now be tested. */
    RECEIVED,
    REJECTED,
    CANCELLED;

    /** The statuses this one may move to. */
    public Set<SpecimenStatus> next() {
        return switch (this) {
            // Receipt without a recorded draw is allowed: the receiver records the collection as not documented.
            case ORDERED -> EnumSet.of(COLLECTED, RECEIVED, REJECTED, CANCELLED);
            case COLLECTED -> EnumSet.of(RECEIVED, REJECTED, CANCELLED);
            case RECEIVED -> EnumSet.of(REJECTED);
            case REJECTED, CANCELLED -> EnumSet.noneOf(SpecimenStatus.class);
        };
    }

    public boolean canBecome(SpecimenStatus target) {
        return next().contains(target);
    }

    /** The tube is in the lab or on its way and may still be tested. */
    public boolean active() {
        return this != REJECTED && this != CANCELLED;
    }
}
