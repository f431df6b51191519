-- Tests reached by reflex rules (results.reflex_rule). CDC's HCV testing sequence (MMWR 2013;62:362) follows a
-- reactive HCV antibody with HCV RNA by nucleic acid test, preferably on the same specimen, so the test takes the
-- antibody's gold SST and section. Confirm 11259-9 (Hepatitis C virus RNA [Presence] in Serum or Plasma by NAA with
-- probe detection) against the assay in use before go-live.
insert into catalog.test (code, loinc, name, section_code, result_type, unit, decimals, specimen_type, container_code,
                          answers, abnormal_answers, calculated, orderable) values
    ('HCVRNA', '11259-9', 'Hepatitis C virus RNA (NAT)', 'IMMUNO', 'CODED', null, null, 'serum', 'GOLD',
        '{"not detected","detected"}', '{detected}', false, true);
