-- The starter catalog's index tests carry the serum indices by default (HIDX, IIDX, LIDX; catalog V12). No limits
-- are seeded: they come from the method's interference data (vendor-specific, CLSI C56), which the lab enters per
-- analyte on the test rules page. Who changed a mapping or a limit last is kept with it (the audit log has the rest).
alter table results.serum_index_test
    add column updated_at timestamptz not null default now(),
    add column updated_by text        not null default 'system';
alter table results.serum_index_limit
    add column updated_at timestamptz not null default now(),
    add column updated_by text        not null default 'system';

insert into results.serum_index_test (index_kind, test_code) values ('H', 'HIDX'), ('I', 'IIDX'), ('L', 'LIDX')
on conflict do nothing;
