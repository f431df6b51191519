-- Serum index tests (clinical reference §5 rule 6; CLSI C56): chemistry analyzers report hemolysis (H), icterus (I)
-- and lipemia (L) indices as results on the specimen, and autoverification holds an analyte whose index exceeds its
-- limit. The index is in the vendor's own arbitrary units (no UCUM unit beyond an annotation), reported whole.
-- LOINC: 46426-3 "Icteric interference index of Serum or Plasma" and 46425-5 "Lipemic interference index of Serum
-- or Plasma" were confirmed by name; the hemolysis index of serum or plasma could not be confirmed, so that test has
-- no LOINC code until one is confirmed. Analyzers send it under their own code (code map).
alter table catalog.test alter column loinc drop not null;

insert into catalog.test (code, loinc, name, section_code, result_type, unit, decimals, specimen_type, container_code,
                          answers, abnormal_answers, calculated, orderable) values
    ('HIDX', null,      'Hemolysis index', 'CHEM', 'NUMERIC', '{index}', 0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('IIDX', '46426-3', 'Icterus index',   'CHEM', 'NUMERIC', '{index}', 0, 'serum', 'GOLD', '{}', '{}', false, true),
    ('LIDX', '46425-5', 'Lipemia index',   'CHEM', 'NUMERIC', '{index}', 0, 'serum', 'GOLD', '{}', '{}', false, true)
-- A lab that already added one of these (same code or LOINC) keeps its own.
on conflict do nothing;
