-- A serum index is a measurement about the specimen, not about the patient: its height holds the analytes it
-- interferes with (serum index rule), not the index itself. Without limits every index an analyzer sends would wait
-- for a person (no reference interval), so the starter limit is what any index must be: not negative. A lab may
-- narrow it to its analyzer's reportable index range before go-live (CLSI AUTO10).
insert into results.autoverification_test (test_code, low, high, stability_hours) values
    ('HIDX', 0, null, null),
    ('IIDX', 0, null, null),
    ('LIDX', 0, null, null)
on conflict do nothing;
