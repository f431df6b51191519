package org.lavender.qc;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** Control lots, targets, rule sets, control values and lockouts. Every change is audited. */
public interface QualityControl {

    List<ControlLot> lots();

    Optional<ControlLot> lot(String lotNumber);

    /** Adds a lot (admin or verifier); the lot number must be new. */
    ControlLot createLot(NewControlLot lot);

    /** Changes a lot (e.g. a new vial opened), refused if someone changed it since {@code version}. */
    ControlLot updateLot(long id, int version, NewControlLot lot);

    List<QcTarget> targets(long lotId);

    /** Sets (or replaces) a lot's target for a test on an analyzer (admin or verifier); mean ≠ 0, SD > 0. */
    QcTarget setTarget(NewQcTarget target);

    /**
     * Chooses the Westgard rules of a test (admin or verifier): the given rules, or with blank rules those
     * suggested for the sigma metric. Returns the rule set as text ("1-3s/2-2s/R-4s").
     */
    String setRules(String testCode, String rules, BigDecimal sigma);

    /** The rule set of a test as text; the full multirule when none was chosen. */
    String rules(String testCode);

    /**
     * Records control values measured together (technician or above), each judged at once; values of one test
     * on one analyzer form a run. Every value is checked first: an unknown or expired lot, an open vial past its
     * stability, no target, a wrong unit or a value that is not a number refuses all of them, nothing stored.
     */
    List<QcValue> record(List<QcEntry> entries);

    /** Lockouts not yet ended, oldest first. */
    List<QcLockout> openLockouts();

    Optional<QcLockout> lockout(long id);

    /**
     * Records what was done about a lockout and who did it (technician or above). With an accepted run after the
     * rejection already there, the lockout ends.
     */
    QcLockout recordCorrectiveAction(long lockoutId, String action, String performedBy);
}
