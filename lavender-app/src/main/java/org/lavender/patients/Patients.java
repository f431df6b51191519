package org.lavender.patients;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Patients {

    /** Registers a patient; rejects a future birth date, missing names, or a duplicate identifier. Audited. */
    Patient register(NewPatient patient);

    /** Changes demographics; the old and new values and the reason go to the audit trail. */
    Patient update(long id, NewPatient changes, String reason);

    /**
     * Like {@link #update(long, NewPatient, String)}, but refused with a conflict if the patient changed since
     * {@code expectedVersion} was read (optimistic locking), so nobody silently overwrites another's correction.
     * A null {@code changes.mrn()} keeps the MRN; null {@code otherIdentifiers} keeps the identifiers.
     */
    Patient update(long id, long expectedVersion, NewPatient changes, String reason);

    Optional<Patient> find(long id);

    /** Batch lookup for lists (no N+1). */
    List<Patient> findAll(java.util.Collection<Long> ids);

    Optional<Patient> findByIdentifier(String system, String value);

    /** Keyset-paginated search; pass the previous slice's cursor, or null for the first page. */
    Slice<Patient> search(PatientQuery query, String cursor, int size);
}
