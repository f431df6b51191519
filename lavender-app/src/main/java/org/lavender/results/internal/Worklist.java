package org.lavender.results.internal;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Bench worklists: the tubes of a section with open results, STAT first, then in order of receipt. Three queries
 * per page whatever its size (specimen keys, their results, their patients).
 */
@Service
public class Worklist {

    private final ResultRepository repository;
    private final Patients patients;

    Worklist(ResultRepository repository, Patients patients) {
        this.repository = repository;
        this.patients = patients;
    }

    public record Tube(String accession, Patient patient, org.lavender.shared.Priority priority, List<LabResult> results) {

        public boolean critical() {
            return results.stream().anyMatch(r -> r.interpretation() != null && r.interpretation().critical());
        }
    }

    public record Page(List<Tube> tubes, String nextCursor) {
    }

    @Transactional(readOnly = true)
    Page page(String section, Collection<ResultStatus> statuses, String cursor, int size) {
        var keys = repository.worklistSpecimens(section, statuses, ResultRepository.WorklistKey.parse(cursor),
                size + 1);
        String next = null;
        if (keys.size() > size) {
            keys = keys.subList(0, size);
            next = keys.get(size - 1).cursor();
        }
        var specimenIds = keys.stream().map(ResultRepository.WorklistKey::specimenId).toList();
        Map<Long, List<ResultRepository.Row>> bySpecimen = repository.forSpecimens(specimenIds, statuses).stream()
                .filter(r -> r.result().section().equals(section))
                .collect(Collectors.groupingBy(r -> r.result().specimenId(), LinkedHashMap::new, Collectors.toList()));
        Map<Long, Patient> patientsById = patients.findAll(bySpecimen.values().stream()
                        .map(rows -> rows.get(0).result().patientId()).distinct().toList())
                .stream().collect(Collectors.toMap(Patient::id, Function.identity()));
        List<Tube> tubes = specimenIds.stream().filter(bySpecimen::containsKey).map(id -> {
            List<ResultRepository.Row> rows = bySpecimen.get(id);
            LabResult first = rows.get(0).result();
            return new Tube(first.accession(), patientsById.get(first.patientId()), rows.get(0).priority(),
                    rows.stream().map(ResultRepository.Row::result).toList());
        }).toList();
        return new Page(tubes, next);
    }

    @Transactional(readOnly = true)
    List<LabResult> patientResults(long patientId, int limit) {
        return repository.forPatient(patientId, limit).stream().map(ResultRepository.Row::result).toList();
    }
}
