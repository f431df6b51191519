package org.lavender.results;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Results {

    Optional<LabResult> find(long id);

    /** Keyset-paginated, newest first. */
    Slice<LabResult> search(ResultQuery query, String cursor, int size);

    List<LabResult> forOrder(long orderId);

    /**
     * Results of a test measured on an analyzer (null: entered by hand) with {@code from <= resultedAt < to}
     * ({@code from} null: no lower bound), oldest first, at most {@code limit}: the patient results to review after
     * a QC lockout.
     */
    List<LabResult> measuredOn(String testCode, String analyzer, java.time.Instant from, java.time.Instant to,
                               int limit);

    /**
     * The results of several orders at once (a page of FHIR DiagnosticReports, a cumulative report), so a list
     * costs one query rather than one per order.
     */
    List<LabResult> forOrders(java.util.Collection<Long> orderIds);

    /** Former values of a result, oldest first. */
    List<ResultRevision> revisions(long resultId);

    /** Earlier released values of the same test for the same patient, newest first. */
    List<LabResult> previous(LabResult result, int limit);

    /**
     * Enters (or re-enters before verification) a value as the signed-in user: parsed for the test's result type
     * (numbers with optional comparator, coded answers, text), flagged against the interval for the patient's sex
     * and age at collection, and left preliminary. Refused with a clear message if malformed or already released.
     */
    LabResult enter(long resultId, String valueText, String comment);

    /**
     * Releases preliminary results (verifier role). Where the section does not allow self-verification, the person
     * who entered a result may not verify it. Where the section requires a second (medical) verification, the first
     * signature leaves a result preliminary and only a second, different verifier releases it; the returned list
     * holds every result signed, with its status after signing.
     */
    List<LabResult> verify(List<Long> resultIds);

    /**
     * Whether the LIS calculates this test from other results of the specimen (eGFR, anion gap, LDL cholesterol):
     * such a result is never entered by hand or accepted from an analyzer.
     */
    boolean calculated(String testCodeOrLoinc);

    /** Corrects a released result (verifier role); the old value is kept as a revision with the reason. */
    LabResult correct(long resultId, String valueText, String reason);
}
