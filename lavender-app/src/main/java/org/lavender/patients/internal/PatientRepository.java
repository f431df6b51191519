package org.lavender.patients.internal;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.patients.PatientQuery;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Sex;
import org.lavender.shared.Slice;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PatientRepository {

    private static final String COLUMNS = "p.id, p.mrn, p.family, p.given, p.family_norm, p.given_norm,"
            + " p.birth_date, p.sex, p.phone, p.version";

    private final JdbcClient jdbc;

    PatientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long nextMrnSerial() {
        return jdbc.sql("select nextval('patients.mrn_serial')").query(Long.class).single();
    }

    boolean mrnTaken(String mrn, Long exceptPatientId) {
        return jdbc.sql("select exists (select 1 from patients.patient where mrn = ? and id <> ?)")
                .params(mrn, exceptPatientId == null ? -1L : exceptPatientId).query(Boolean.class).single();
    }

    /** The identifiers among {@code ids} already held by a patient other than {@code exceptPatientId}. */
    List<PatientIdentifier> identifiersTaken(List<PatientIdentifier> ids, Long exceptPatientId) {
        List<PatientIdentifier> taken = new ArrayList<>();
        for (PatientIdentifier id : ids) {
            boolean exists = jdbc.sql("select exists (select 1 from patients.identifier"
                            + " where system = ? and value = ? and patient_id <> ?)")
                    .params(id.system(), id.value(), exceptPatientId == null ? -1L : exceptPatientId)
                    .query(Boolean.class).single();
            if (exists) {
                taken.add(id);
            }
        }
        return taken;
    }

    long insert(String mrn, NewPatient p, String user, Instant now) {
        long id = jdbc.sql("insert into patients.patient (mrn, family, given, family_norm, given_norm, birth_date,"
                        + " sex, phone, created_at, created_by, updated_at, updated_by)"
                        + " values (?,?,?,?,?,?,?,?,?,?,?,?) returning id")
                .params(mrn, p.familyName(), p.givenName(), NameKey.of(p.familyName()), NameKey.of(p.givenName()),
                        p.birthDate(), p.sex().name(), p.phone(), Timestamp.from(now), user, Timestamp.from(now),
                        user)
                .query(Long.class).single();
        insertIdentifiers(id, p.otherIdentifiers());
        return id;
    }

    /** Writes the new demographics if the row is still at {@code expectedVersion}; false if someone was first. */
    boolean update(long id, long expectedVersion, String mrn, NewPatient p, String user, Instant now) {
        int rows = jdbc.sql("update patients.patient set mrn = ?, family = ?, given = ?, family_norm = ?,"
                        + " given_norm = ?, birth_date = ?, sex = ?, phone = ?, version = version + 1,"
                        + " updated_at = ?, updated_by = ? where id = ? and version = ?")
                .params(mrn, p.familyName(), p.givenName(), NameKey.of(p.familyName()), NameKey.of(p.givenName()),
                        p.birthDate(), p.sex().name(), p.phone(), Timestamp.from(now), user, id, expectedVersion)
                .update();
        return rows == 1;
    }

    void replaceIdentifiers(long patientId, List<PatientIdentifier> ids) {
        jdbc.sql("delete from patients.identifier where patient_id = ?").param(patientId).update();
        insertIdentifiers(patientId, ids);
    }

    private void insertIdentifiers(long patientId, List<PatientIdentifier> ids) {
        for (PatientIdentifier i : ids) {
            jdbc.sql("insert into patients.identifier (patient_id, system, value) values (?,?,?)")
                    .params(patientId, i.system(), i.value()).update();
        }
    }

    Optional<Patient> find(long id) {
        return findAll(List.of(id)).stream().findFirst();
    }

    List<Patient> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from patients.patient p where p.id = any(?) order by p.id")
                .param(ids.toArray(Long[]::new)).query(PatientRepository::row).list();
        return withIdentifiers(rows);
    }

    Optional<Patient> findByMrn(String mrn) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from patients.patient p where p.mrn = ?").param(mrn)
                .query(PatientRepository::row).list();
        return withIdentifiers(rows).stream().findFirst();
    }

    Optional<Patient> findByIdentifier(String system, String value) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from patients.patient p join patients.identifier i"
                        + " on i.patient_id = p.id where i.system = ? and i.value = ?")
                .params(system, value).query(PatientRepository::row).list();
        return withIdentifiers(rows).stream().findFirst();
    }

    /**
     * Sorted by normalised family name, given name and id; the cursor is the last row's sort key, so each page is
     * one index range scan (no OFFSET).
     */
    /** U+10FFFF sorts after every character in the "C" collation of the name columns. */
    private static final String PAST_ANY_SUFFIX = new String(Character.toChars(0x10FFFF));

    Slice<Patient> search(PatientQuery q, String cursor, int size) {
        var sql = new StringBuilder("select " + COLUMNS + " from patients.patient p where true");
        Map<String, Object> params = new LinkedHashMap<>();
        if (q.identifier() != null && !q.identifier().isBlank()) {
            String value = q.identifier().strip();
            String system = q.identifierSystem() == null || q.identifierSystem().isBlank()
                    ? null : q.identifierSystem().strip();
            if (PatientIdentifier.MRN_SYSTEM.equals(system)) {
                sql.append(" and p.mrn = :mrn");
            } else if (system != null) {
                sql.append(" and p.id in (select patient_id from patients.identifier"
                        + " where system = :system and value = :value)");
                params.put("system", system);
            } else {
                sql.append(" and p.id in (select id from patients.patient where mrn = :mrn"
                        + " union all select patient_id from patients.identifier where value = :value)");
            }
            params.put("mrn", value.toUpperCase(java.util.Locale.ROOT));
            params.put("value", value);
        }
        if (q.name() != null && !q.name().isBlank()) {
            String name = q.name();
            int comma = name.indexOf(',');
            String family = NameKey.of(comma < 0 ? name : name.substring(0, comma));
            String given = comma < 0 ? "" : NameKey.of(name.substring(comma + 1));
            if (family.isEmpty() && given.isEmpty()) {
                throw new InvalidInputException("name", "Type at least one letter of the name");
            }
            if (!family.isEmpty()) {
                // The range lets a prepared (generic) plan use the index; LIKE alone needs the pattern at plan time.
                sql.append(" and p.family_norm >= :familyFrom and p.family_norm < :familyTo"
                        + " and p.family_norm like :family");
                params.put("familyFrom", family);
                params.put("familyTo", family + PAST_ANY_SUFFIX);
                params.put("family", likePrefix(family));
            }
            if (!given.isEmpty()) {
                sql.append(" and p.given_norm >= :givenFrom and p.given_norm < :givenTo"
                        + " and p.given_norm like :given");
                params.put("givenFrom", given);
                params.put("givenTo", given + PAST_ANY_SUFFIX);
                params.put("given", likePrefix(given));
            }
        }
        if (q.birthDate() != null) {
            sql.append(" and p.birth_date = :birthDate");
            params.put("birthDate", q.birthDate());
        }
        if (cursor != null && !cursor.isBlank()) {
            String[] key = decode(cursor);
            sql.append(" and (p.family_norm, p.given_norm, p.id) > (:cf, :cg, :cid)");
            params.put("cf", key[0]);
            params.put("cg", key[1]);
            params.put("cid", Long.parseLong(key[2]));
        }
        sql.append(" order by p.family_norm, p.given_norm, p.id limit :limit");
        params.put("limit", size + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(PatientRepository::row).list();
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            Row last = rows.get(size - 1);
            next = encode(last.familyNorm, last.givenNorm, last.id);
        }
        return new Slice<>(withIdentifiers(rows), next);
    }

    private List<Patient> withIdentifiers(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<PatientIdentifier>> byPatient = new LinkedHashMap<>();
        rows.forEach(r -> byPatient.put(r.id, new ArrayList<>()));
        jdbc.sql("select patient_id, system, value from patients.identifier where patient_id = any(?)"
                        + " order by system, value")
                .param(byPatient.keySet().toArray(Long[]::new))
                .query(rs -> {
                    byPatient.get(rs.getLong(1)).add(new PatientIdentifier(rs.getString(2), rs.getString(3)));
                });
        return rows.stream().map(r -> new Patient(r.id, r.mrn, r.family, r.given, r.birthDate, r.sex, r.phone,
                List.copyOf(byPatient.get(r.id)), r.version)).toList();
    }

    private static String likePrefix(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    private static String encode(String family, String given, long id) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((family + "\u001f" + given + "\u001f" + id).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String[] key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split("\u001f", -1);
            if (key.length != 3) {
                throw new IllegalArgumentException();
            }
            Long.parseLong(key[2]);
            return key;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("cursor", "The page cursor is not valid: start the search again");
        }
    }

    private record Row(long id, String mrn, String family, String given, String familyNorm, String givenNorm,
                       LocalDate birthDate, Sex sex, String phone, long version) {
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), rs.getString("mrn"), rs.getString("family"), rs.getString("given"),
                rs.getString("family_norm"), rs.getString("given_norm"), rs.getObject("birth_date", LocalDate.class),
                Sex.valueOf(rs.getString("sex")), rs.getString("phone"), rs.getLong("version"));
    }
}
