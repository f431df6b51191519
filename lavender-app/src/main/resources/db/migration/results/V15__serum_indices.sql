-- Serum indices (clinical reference §5 rule 6; CLSI C56): hemolysis (H), icterus (I) and lipemia (L) indices arrive
-- as results of index tests on the same specimen. Which catalog test carries which index is mapped here by the lab
-- (its analyzer's index tests, added to the catalog with the vendor's LOINC codes); the per-analyte limits come from
-- the method's interference data (vendor-specific), so none are seeded.
create table results.serum_index_test (
    index_kind char(1) primary key check (index_kind in ('H', 'I', 'L')),
    test_code  text    not null unique
);

create table results.serum_index_limit (
    test_code  text    not null,
    index_kind char(1) not null check (index_kind in ('H', 'I', 'L')),
    max_value  numeric not null check (max_value >= 0),
    primary key (test_code, index_kind)
);
