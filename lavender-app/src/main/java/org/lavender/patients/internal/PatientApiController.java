package org.lavender.patients.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Sex;
import org.lavender.shared.Slice;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/patients")
@Tag(name = "Patients", description = "Register, find and correct patients")
class PatientApiController {

    private final Patients patients;

    PatientApiController(Patients patients) {
        this.patients = patients;
    }

    /** A patient as a system sends it; {@code sex} is M/F/O/U or male/female/other/unknown. */
    record PatientRequest(String mrn, String familyName, String givenName, LocalDate birthDate, String sex,
                          String phone, List<PatientIdentifier> identifiers) {

        NewPatient toNewPatient() {
            if (sex == null || sex.isBlank()) {
                throw new InvalidInputException("sex", "Sex is required: use M, F, O or U (unknown)");
            }
            return new NewPatient(mrn, familyName, givenName, birthDate, Sex.parse(sex), phone, identifiers);
        }
    }

    /** A correction: the full new demographics, the version that was read, and why. */
    record PatientUpdate(long version, String reason, PatientRequest patient) {
    }

    @GetMapping
    @Operation(summary = "Search patients",
            description = "By identifier (MRN or any authority's value; narrow with system), name prefix as"
                    + " 'family, given' (case- and accent-insensitive) and/or birth date. Keyset-paginated:"
                    + " pass nextCursor of the previous page.")
    Slice<Patient> search(@RequestParam(required = false) String identifier,
                          @RequestParam(required = false) String system,
                          @RequestParam(required = false) @Parameter(example = "doe, ja") String name,
                          @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                          LocalDate birthDate,
                          @RequestParam(required = false) String cursor,
                          @RequestParam(defaultValue = "25") int size) {
        if (identifier == null && name == null && birthDate == null) {
            throw new InvalidInputException("identifier", "Give an identifier, a name or a birth date to search");
        }
        return patients.search(new PatientQuery(identifier, system, name, birthDate), cursor, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One patient by id")
    Patient get(@PathVariable long id) {
        return patients.find(id).orElseThrow(() -> new NotFoundException("Patient", id));
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN','SYSTEM')")
    @Operation(summary = "Register a patient",
            description = "Without mrn the lab assigns the next one (M + 7 digits + Damm check digit)."
                    + " 422 for invalid demographics, 409 for an MRN or identifier already in use.")
    ResponseEntity<Patient> register(@RequestBody PatientRequest request) {
        Patient p = patients.register(request.toNewPatient());
        return ResponseEntity.created(URI.create("/api/patients/" + p.id())).body(p);
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN','SYSTEM')")
    @Operation(summary = "Correct a patient's demographics",
            description = "Needs the version that was read (409 if someone changed the patient since) and a"
                    + " reason; old and new values go to the audit trail.")
    Patient update(@PathVariable long id, @RequestBody PatientUpdate update) {
        if (update.patient() == null) {
            throw new InvalidInputException("patient", "The new demographics are missing");
        }
        return patients.update(id, update.version(), update.patient().toNewPatient(), update.reason());
    }
}
