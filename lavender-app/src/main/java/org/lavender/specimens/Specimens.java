package org.lavender.specimens;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Specimens {

    /** Creates (or extends) the tubes an order needs, in the caller's transaction. Returns the order's tubes. */
    List<Specimen> planTubes(TubeRequest request);

    /**
     * Adds a test to a tube already drawn for the same order (a reflex test run on the specimen in the lab), in the
     * caller's transaction, when the tube is still active and takes the test (same container type and section).
     * Empty when it does not fit: the caller then plans a new tube. Audited with the reason.
     */
    Optional<Specimen> addToDrawnTube(long specimenId, long orderItemId, String testCode, String reason);

    /** Cancels the order items' tests on tubes not yet received; tubes left without tests are cancelled. */
    void cancelItems(long orderId, List<Long> orderItemIds, String reason);

    /** Records the draw: who and when (never in the future). */
    Specimen collect(String accession, String collectedBy, Instant collectedAt);

    /** Scanned at the lab bench: the tube is received (and collected now if nobody recorded it). */
    Specimen receive(String accession);

    Specimen reject(String accession, RejectionReason reason, String comment);

    /** A new tube for the same tests as a rejected one. */
    Specimen recollect(String rejectedAccession);

    /** Splits a received tube: the aliquot gets its own accession and the chosen tests. */
    Specimen aliquot(String accession, List<String> testCodes);

    Optional<Specimen> find(long id);

    Optional<Specimen> byAccession(String accession);

    /** Batch lookup (no N+1): the tubes of these accession numbers that exist, in id order. */
    List<Specimen> byAccessions(Collection<String> accessions);

    List<Specimen> forOrder(long orderId);

    /** Keyset-paginated, newest first. */
    Slice<Specimen> search(SpecimenQuery query, String cursor, int size);

    /** Label for a Zebra printer (ZPL II) with a Code 128 barcode of the accession. */
    String zplLabel(String accession);

    /** A PDF sheet of labels for the given tubes (e.g. all tubes of an order). */
    byte[] pdfLabels(List<String> accessions);
}
