package org.lavender.patients.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Sex;
import org.lavender.shared.Slice;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class PatientService implements Patients {

    static final String AUDIT_TYPE = "patient";
    private static final int MAX_PAGE = 100;

    private final PatientRepository repository;
    private final PatientValidator validator;
    private final AuditLog audit;
    private final Clock clock;

    PatientService(PatientRepository repository, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.validator = new PatientValidator(clock);
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Patient register(NewPatient input) {
        NewPatient p = validator.validate(input);
        String mrn = p.mrn() != null ? p.mrn() : nextFreeMrn();
        if (p.mrn() != null && repository.mrnTaken(mrn, null)) {
            throw new ConflictException("MRN " + mrn + " is already assigned to another patient");
        }
        refuseTakenIdentifiers(p.otherIdentifiers(), null);
        long id;
        try {
            id = repository.insert(mrn, p, currentUser(), clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("MRN " + mrn + " or one of the identifiers was registered at the same moment"
                    + " by someone else: search for the patient before registering again");
        }
        Patient patient = repository.find(id).orElseThrow();
        audit.record(AuditEvent.created(AUDIT_TYPE, id, Demographics.of(patient).text()));
        return patient;
    }

    @Override
    @Transactional
    public Patient update(long id, NewPatient changes, String reason) {
        Patient current = repository.find(id).orElseThrow(() -> new NotFoundException("Patient", id));
        return update(id, current.version(), changes, reason);
    }

    @Override
    @Transactional
    public Patient update(long id, long expectedVersion, NewPatient changes, String reason) {
        String why = PatientValidator.reason(reason);
        Patient current = repository.find(id).orElseThrow(() -> new NotFoundException("Patient", id));
        NewPatient p = validator.validate(changes);
        String mrn = p.mrn() != null ? p.mrn() : current.mrn();
        if (!mrn.equals(current.mrn()) && repository.mrnTaken(mrn, id)) {
            throw new ConflictException("MRN " + mrn + " is already assigned to another patient");
        }
        List<PatientIdentifier> identifiers = changes.otherIdentifiers() == null
                ? current.identifiers() : p.otherIdentifiers();
        refuseTakenIdentifiers(identifiers, id);
        NewPatient next = new NewPatient(mrn, p.familyName(), p.givenName(), p.birthDate(), p.sex(), p.phone(),
                identifiers);
        Demographics before = Demographics.of(current);
        Demographics after = Demographics.of(next);
        if (before.equals(after)) {
            return current;
        }
        if (!repository.update(id, expectedVersion, mrn, next, currentUser(), clock.instant())) {
            throw new ConflictException("Patient " + current.mrn() + " was changed by someone else since you"
                    + " opened it: reload the page and make your change again");
        }
        if (!before.identifiers().equals(after.identifiers())) {
            repository.replaceIdentifiers(id, identifiers);
        }
        audit.record(AuditEvent.changed(AUDIT_TYPE, id, before.diffFrom(after), after.diffFrom(before), why));
        return repository.find(id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Patient> find(long id) {
        return repository.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Patient> findAll(Collection<Long> ids) {
        return repository.findAll(ids.stream().filter(Objects::nonNull).distinct().toList());
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Patient> findByIdentifier(String system, String value) {
        if (system == null || value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (PatientIdentifier.MRN_SYSTEM.equals(system)) {
            return repository.findByMrn(value.strip().toUpperCase(Locale.ROOT));
        }
        return repository.findByIdentifier(system, value.strip());
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<Patient> search(PatientQuery query, String cursor, int size) {
        return repository.search(query == null ? new PatientQuery(null, null, null, null) : query, cursor,
                Math.min(Math.max(size, 1), MAX_PAGE));
    }

    private String nextFreeMrn() {
        // A migrated MRN may already occupy a serial; skip it rather than fail the registration.
        while (true) {
            String mrn = Mrn.ofSerial(repository.nextMrnSerial()).value();
            if (!repository.mrnTaken(mrn, null)) {
                return mrn;
            }
        }
    }

    private void refuseTakenIdentifiers(List<PatientIdentifier> ids, Long patientId) {
        List<PatientIdentifier> taken = repository.identifiersTaken(ids, patientId);
        if (!taken.isEmpty()) {
            throw new ConflictException("Identifier " + taken.stream().map(i -> i.system() + "|" + i.value())
                    .collect(Collectors.joining(", ")) + " is already assigned to another patient");
        }
    }

    private static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }

    /** The audited view of a patient: field name → value, in a fixed order. */
    record Demographics(Map<String, String> fields) {

        static Demographics of(Patient p) {
            return of(p.mrn(), p.familyName(), p.givenName(), p.birthDate(), p.sex(), p.phone(), p.identifiers());
        }

        static Demographics of(NewPatient p) {
            return of(p.mrn(), p.familyName(), p.givenName(), p.birthDate(), p.sex(), p.phone(),
                    p.otherIdentifiers());
        }

        private static Demographics of(String mrn, String family, String given, LocalDate birthDate, Sex sex,
                                       String phone, List<PatientIdentifier> ids) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("mrn", mrn);
            f.put("family", family);
            f.put("given", given);
            f.put("birthDate", String.valueOf(birthDate));
            f.put("sex", sex.name());
            f.put("phone", phone == null ? "" : phone);
            f.put("identifiers", ids.stream().map(i -> i.system() + "|" + i.value()).sorted()
                    .collect(Collectors.joining(" ")));
            return new Demographics(f);
        }

        String identifiers() {
            return fields.get("identifiers");
        }

        String text() {
            return fields.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }

        /** The fields whose value differs in {@code other}, with this side's values ("phone=" when empty). */
        String diffFrom(Demographics other) {
            return fields.entrySet().stream().filter(e -> !e.getValue().equals(other.fields.get(e.getKey())))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "));
        }
    }
}
